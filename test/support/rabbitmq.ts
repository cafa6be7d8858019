/**
 * RabbitMQ for tests: the machine's broker (AMQP_URL, default 127.0.0.1:5672), clean-up of a test's
 * topology, closing a named connection from the broker's side, and a scratch node of our own to crash.
 *
 * The scratch node is a second, independent RabbitMQ node started from the installed `rabbitmq-server`
 * script with its own node name, ports, data, log and cookie directories under a temp dir, and its own
 * config files (the system's `/etc/rabbitmq` ones would point it at the main broker's port). It runs in its
 * own process group, so `kill()` takes the shell wrapper and the Erlang VM down together with SIGKILL, as a
 * power cut would; `start()` again reuses the data directory, as a restarted server would.
 *
 * Start-up times measured on the 2-core test machine (RabbitMQ 3.10.8, Erlang 25): a fresh node 11-19 s
 * (mostly the Erlang boot and first-time database creation), a restart on existing data about 5 s.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, openSync, closeSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import amqp from 'amqplib';
import type { TopologyNames } from '../../src/transport/rabbitmq/index.js';

const run = promisify(execFile);

export function amqpUrl(): string {
  return process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
}

/** Answers undefined when a connection opens within `timeoutMs`, the reason otherwise. */
export async function probeRabbitMq(url: string, timeoutMs = 5_000): Promise<string | undefined> {
  const attempt = amqp.connect(url, { timeout: timeoutMs });
  try {
    const connection = await withTimeout(attempt, timeoutMs + 1_000, 'no answer');
    await connection.close();
    return undefined;
  } catch (error) {
    // A connection that opens after we stopped waiting must not keep the process alive.
    attempt.then((c) => c.close()).catch(() => undefined);
    return error instanceof Error ? error.message : String(error);
  }
}

/** Deletes the queues and exchanges a test declared; a name that is already gone is fine. */
export async function deleteTopology(
  url: string,
  names: TopologyNames,
  destinations: Iterable<string>,
  retryDelays: Iterable<number>,
): Promise<void> {
  const connection = await amqp.connect(url, { timeout: 5_000 });
  try {
    const channel = await connection.createChannel();
    for (const destination of destinations) await channel.deleteQueue(names.queue(destination));
    for (const delayMs of retryDelays) await channel.deleteQueue(names.retryQueue(delayMs));
    await channel.deleteQueue(names.deadQueue);
    for (const exchange of [names.exchange, names.retryExchange, names.deadExchange]) {
      await channel.deleteExchange(exchange);
    }
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** Queues and exchanges on the machine's broker whose name starts with `prefix` (via rabbitmqctl). */
export async function leftovers(prefix: string): Promise<string[]> {
  const queues = await rabbitmqctl(['list_queues', '-q', '-s', 'name']);
  const exchanges = await rabbitmqctl(['list_exchanges', '-q', '-s', 'name']);
  return [...queues.split('\n'), ...exchanges.split('\n')]
    .map((l) => l.trim())
    .filter((n) => n.startsWith(prefix));
}

/** Closes, from the broker's side, every connection whose client named itself `name`. Answers how many. */
export async function closeConnectionsNamed(name: string): Promise<number> {
  const listing = await rabbitmqctl(['list_connections', '-q', '-s', 'pid', 'client_properties']);
  const pids = listing
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${name}"}`))
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter((pid) => pid.startsWith('<'));
  for (const pid of pids) await rabbitmqctl(['close_connection', pid, 'test: forced close']);
  return pids.length;
}

export interface QueueDescription {
  readonly type: string;
  /** x-arguments as rabbitmqctl prints them, values as text. */
  readonly args: Readonly<Record<string, string>>;
}

/** Queues starting with `prefix`, by name, from `rabbitmqctl list_queues name type arguments`. */
export async function describeQueues(prefix: string): Promise<Map<string, QueueDescription>> {
  const listing = await rabbitmqctl(['list_queues', '-q', '-s', 'name', 'type', 'arguments']);
  const queues = new Map<string, QueueDescription>();
  for (const line of listing.split('\n')) {
    const [name, type, args] = line.split('\t');
    if (name === undefined || !name.startsWith(prefix)) continue;
    // Printed as [{"x-queue-type","quorum"},{"x-message-ttl",150},...]
    const entries = [...(args ?? '').matchAll(/\{"([^"]+)","?([^"}]*)"?\}/g)].map((m) => [m[1], m[2]]);
    queues.set(name, { type: type ?? '', args: Object.fromEntries(entries) as Record<string, string> });
  }
  return queues;
}

async function rabbitmqctl(args: string[]): Promise<string> {
  const bin = process.env.RABBITMQCTL ?? 'rabbitmqctl';
  const { stdout } = await run(bin, args, { timeout: 30_000 });
  return stdout;
}

export interface ScratchNode {
  readonly url: string;
  readonly nodeName: string;
  /** How long the last `start()` took until AMQP answered, in ms. */
  readonly lastStartMs: number;
  /** SIGKILL to the whole process group; resolves when the port is closed. */
  kill(): Promise<void>;
  /** Starts (again) on the same data directory and ports; resolves when AMQP answers. */
  start(): Promise<void>;
  /** Kills the node and removes its directory. */
  dispose(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

export function rabbitmqServerScript(): string | undefined {
  const candidates = [process.env.RABBITMQ_SERVER, '/usr/lib/rabbitmq/bin/rabbitmq-server'];
  // /usr/sbin/rabbitmq-server is a wrapper that switches to the rabbitmq user with `su`, who cannot write
  // our temp directory; the script it wraps runs as whoever starts it.
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

/** Creates a scratch node (not started yet). */
export async function createScratchNode(): Promise<ScratchNode> {
  const script = rabbitmqServerScript();
  if (script === undefined) throw new Error('rabbitmq-server not found (set RABBITMQ_SERVER)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bp-rabbit-'));
  const [amqpPort, distPort] = (await freePorts(2)) as [number, number];
  const nodeName = `bp-test-${randomUUID().slice(0, 8)}@localhost`;
  await mkdir(path.join(dir, 'home'));
  await writeFile(path.join(dir, 'enabled_plugins'), '[].\n');
  await writeFile(path.join(dir, 'rabbitmq.conf'), `listeners.tcp.local = 127.0.0.1:${amqpPort}\n`);
  await writeFile(path.join(dir, 'rabbitmq-env.conf'), '');
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RABBITMQ_'))),
    HOME: path.join(dir, 'home'), // the Erlang cookie is written here, not in the user's home
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: path.join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(dir, 'enabled_plugins'),
    RABBITMQ_CONFIG_FILE: path.join(dir, 'rabbitmq.conf'),
    RABBITMQ_ADVANCED_CONFIG_FILE: path.join(dir, 'advanced.config'),
    RABBITMQ_CONF_ENV_FILE: path.join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_PID_FILE: path.join(dir, 'pid'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
  const url = `amqp://guest:guest@127.0.0.1:${amqpPort}`;
  const logFile = path.join(dir, 'stdout.log');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let lastStartMs = 0;
  // A test process that dies must not leave a broker behind.
  const killOnExit = () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', killOnExit);

  const kill = async () => {
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await withTimeout(exited, 30_000, 'the scratch node did not exit');
    await waitFor(async () => !(await portOpen(amqpPort)), 30_000, 'the scratch node port stayed open');
  };

  const start = async () => {
    await kill();
    const began = Date.now();
    const out = openSync(logFile, 'a');
    try {
      // cwd: a crashing Erlang application (e.g. Mnesia) dumps its core there, and dispose() removes it.
      child = spawn(script, [], { cwd: dir, env, detached: true, stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    const current = child;
    exited = new Promise((resolve) => current.once('exit', () => resolve()));
    try {
      await waitFor(
        async () => {
          if (current.exitCode !== null) throw new Error(`rabbitmq-server exited with ${current.exitCode}`);
          return (await probeRabbitMq(url, 2_000)) === undefined;
        },
        START_TIMEOUT_MS,
        `the scratch node did not accept AMQP within ${START_TIMEOUT_MS} ms`,
      );
    } catch (error) {
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).slice(-2_000);
      await kill();
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tail}`, { cause: error });
    }
    lastStartMs = Date.now() - began;
  };

  return {
    url,
    nodeName,
    get lastStartMs() {
      return lastStartMs;
    },
    kill,
    start,
    async dispose() {
      await kill().catch(() => undefined);
      process.removeListener('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** A free TCP port on 127.0.0.1 nobody listens on (for an "unreachable broker"). */
export async function closedPort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
