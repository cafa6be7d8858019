/** `npm run demo` on embedded defaults: the flow 301 -> 302, 305 -> 306, 307 -> 308 completes. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

it('runs the demo flow end to end on embedded defaults', async () => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !['DATA_DIR', 'DATABASE_URL', 'AMQP_URL', 'S3_BUCKET', 'S3_ENDPOINT'].includes(k),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'demo.ts')], {
    cwd: REPO_ROOT,
    env,
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
  expect(status, out).toBe(0);
  expect(out).toContain('flow completed: 301 -> 302 -> 305 -> 306 -> 307 -> 308');
  expect(out).toMatch(/WMO301 +outbound +acknowledged/);
  expect(out).toContain('Audit chain: {"ok":true');
  // The demo prints steps and states, never the (fictional) client's data.
  expect(out).not.toContain('999951002');
}, 90_000);
