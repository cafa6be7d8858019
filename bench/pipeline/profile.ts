/**
 * `BENCH_CPU_PROFILE=<file>`: a V8 CPU profile of this process over exactly the sustained window (open it
 * in Chrome DevTools or VS Code), taken through the inspector instead of `--cpu-prof`, which would also
 * record start-up, the floors and the drains.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

export interface Profiling {
  stop(): Promise<void>;
}

export async function startProfile(file: string | undefined): Promise<Profiling> {
  if (!file) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
