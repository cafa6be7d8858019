/**
 * The real services for `bench/pipeline.ts`, as the integration tests use them (test/support/gateway.ts):
 * a fresh PostgreSQL database, an s3rver bucket (here in a child process, so S3 does not share the
 * gateway's event loop) and RabbitMQ namespaces of the bench's own. Everything is removed at `close()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { S3RVER_CREDENTIALS, S3RVER_REGION } from '../../test/support/s3-server.js';
import { startTestPostgres, type TestPostgres } from '../../test/support/postgres.js';
import { amqpUrl, deleteTopology, probeRabbitMq } from '../../test/support/rabbitmq.js';
import { topologyNames } from '../../src/transport/rabbitmq/index.js';
import { progress } from './stats.js';

/**
 * How the archive keeps objects write-once on s3rver (BENCH_S3_WRITE_ONCE). s3rver ignores If-None-Match,
 * so the tests run `head-then-put` (a HEAD before every PUT), and so does the bench by default.
 * `if-none-match` sends production's request pattern (one conditional PUT) to the same server: the figure
 * then says what the gateway does with the requests it makes against AWS S3 or MinIO, while s3rver simply
 * overwrites an existing object with the same bytes (content-addressed keys), which the bench never causes.
 */
export const WRITE_ONCE: 'head-then-put' | 'if-none-match' =
  process.env.BENCH_S3_WRITE_ONCE === 'if-none-match' ? 'if-none-match' : 'head-then-put';

export interface Services {
  readonly pg: TestPostgres;
  readonly s3: { readonly endpoint: string; readonly bucket: string; readonly pid: number };
  readonly amqpUrl: string;
  /** A fresh namespace name (lower-case), remembered for clean-up with its destinations and retry delays. */
  namespace(suffix: string, destinations: readonly string[], retryDelaysMs: readonly number[]): string;
  /** The environment for `loadConfig` that points a gateway at these services. */
  env(namespace: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startServices(): Promise<Services> {
  const url = amqpUrl();
  const unreachable = await probeRabbitMq(url);
  if (unreachable) throw new Error(`RabbitMQ is unreachable: ${unreachable}`);
  const pg = await startTestPostgres();
  if (!pg) throw new Error('PostgreSQL is unreachable');
  let child: ChildProcess | undefined;
  const namespaces: { name: string; destinations: string[]; delays: number[] }[] = [];
  const close = async () => {
    for (const ns of namespaces) {
      await deleteTopology(url, topologyNames(ns.name), ns.destinations, ns.delays).catch((error: unknown) =>
        progress(`clean-up of namespace ${ns.name} failed: ${String(error)}`),
      );
    }
    await pg.drop().catch((error: unknown) => progress(`dropping the database failed: ${String(error)}`));
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.stdin?.end();
      const timer = setTimeout(() => child!.kill('SIGTERM'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const started = await startS3Child();
    child = started.child;
    const run = randomBytes(3).toString('hex');
    return {
      pg,
      s3: { endpoint: started.endpoint, bucket: started.bucket, pid: started.child.pid! },
      amqpUrl: url,
      namespace(suffix, destinations, retryDelaysMs) {
        const name = `bp-bench-${run}-${suffix}`;
        namespaces.push({ name, destinations: [...destinations], delays: [...retryDelaysMs] });
        return name;
      },
      env: (namespace) => ({
        DATABASE_URL: pg.url,
        AMQP_URL: url,
        AMQP_NAMESPACE: namespace,
        S3_ENDPOINT: started.endpoint,
        S3_BUCKET: started.bucket,
        S3_REGION: S3RVER_REGION,
        S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
        // As in the integration tests: s3rver pages ListObjectsV2 wrongly (and see WRITE_ONCE).
        S3_WRITE_ONCE: WRITE_ONCE,
        S3_LIST_API: 'v1',
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startS3Child(): Promise<{ child: ChildProcess; endpoint: string; bucket: string }> {
  const script = fileURLToPath(new URL('./s3rver-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('s3rver did not start within 20 s')), 20_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with ${code}`));
    });
  });
  lines.close();
  child.stdout!.resume();
  const { endpoint, bucket } = JSON.parse(first) as { endpoint: string; bucket: string };
  return { child, endpoint, bucket };
}
