/**
 * Fault-test helpers: a gateway in a child process (so it can be killed with SIGKILL), a patient sender
 * that keeps offering a message until the gateway answers (as a partner's channel does), and the checks
 * that nothing the gateway accepted was lost or delivered twice after deduplication.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CLI } from '../support/paths.js';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface GatewayProcess {
  readonly url: string;
  /** Starts the process (again) and resolves once /readyz answers 200. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown code runs, as in a power cut. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop. */
  stop(): Promise<void>;
}

export async function gatewayProcess(env: Record<string, string>, logFile: string): Promise<GatewayProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const log = createWriteStream(logFile, { flags: 'a' });
  process.once('exit', () => child?.kill('SIGKILL'));

  const start = async () => {
    child = spawn(process.execPath, [CLI, 'serve'], {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: path.dirname(path.dirname(CLI)),
    });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    const current = child;
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (current.exitCode !== null) throw new Error(`the gateway exited at start; see ${logFile}`);
      try {
        const res = await fetch(`${url}/readyz`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the gateway did not become ready; see ${logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    await exited;
  };
  return { url, start, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/**
 * Offers one message until the gateway answers 2xx: a refused connection or a 5xx is tried again, as a
 * partner's channel does when it got no answer. Answers the gateway's JSON.
 */
export async function offer(
  url: string,
  key: string,
  xml: string,
): Promise<{ status: number; body: { outcome: string; messageId: string } }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${url}/api/v1/berichten`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/xml' },
        body: xml,
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as { outcome: string; messageId: string };
      if (res.status < 500) return { status: res.status, body };
    } catch {
      // the gateway is down or restarting: offer again
    }
    if (attempt > 600) throw new Error('the gateway never answered');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const runners = Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(runners);
}

/**
 * Runs the `berichtenpoort` command without blocking this process (spawnSync would stall servers the test
 * itself runs, such as s3rver).
 */
export function runCliAsync(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      cwd: path.dirname(path.dirname(CLI)),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
