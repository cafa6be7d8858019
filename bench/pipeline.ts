/**
 * `npm run bench:pipeline`: inbound WMO305s through the whole gateway on the real services of this machine
 * (PostgreSQL, RabbitMQ, s3rver in a process of its own), end to end:
 *
 *   load generator --HTTP--> API -> archive -> validate -> dedupe -> record (+ outbox) -> relay -> RabbitMQ
 *     -> delivery worker -> 306 retour to the fake partner (HTTP)      } both arrived = one message
 *     -> back-office envelope on its queue, consumed by this bench      }   fully processed
 *
 * Reports (1) sustained end-to-end throughput with a fixed number of messages in flight, and HTTP accept
 * throughput with closed-loop clients; (2) latency at a fixed offered rate (open loop, measured from each
 * message's scheduled send time, so a stall cannot hide itself); (3) each stage alone at saturation (the
 * floor) and end to end as a share of it; plus the work one 305 causes, where the CPU went and how long
 * each port call took.
 *
 * Knobs (env): BENCH_FLOOR_SECONDS (3), BENCH_SUSTAIN_SECONDS (15), BENCH_WINDOW (128 in flight),
 * BENCH_CLIENTS (32), BENCH_BURST (3000), BENCH_BURST_SECONDS (8), BENCH_RATE (300/s),
 * BENCH_RATE_SECONDS (10), BENCH_SKIP_FLOORS, BENCH_S3_WRITE_ONCE (head-then-put, or if-none-match for
 * production's request pattern: see services.ts), BENCH_CPU_PROFILE (a file: V8 CPU profile of the
 * sustained window).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startServer } from '../src/api/server.js';
import { createHttpChannel } from '../src/channel/index.js';
import { loadConfig } from '../src/config/config.js';
import { openGateway, type Gateway } from '../src/gateway/open.js';
import { createLogger } from '../src/log/logger.js';
import { parseRoutingTable } from '../src/routing/table.js';
import { topologyNames } from '../src/transport/rabbitmq/index.js';
import { retryDelays } from '../src/transport/policy.js';
import { KEYS, testRoutingFile } from '../test/support/gateway.js';
import { measureFloors, type Floor } from './pipeline/floors.js';
import { IdSource, startBackOffice, startPartner, Submitter, Tracker } from './pipeline/flow.js';
import { startProfile } from './pipeline/profile.js';
import { startServices, WRITE_ONCE } from './pipeline/services.js';
import { Spans } from './pipeline/spans.js';
import {
  CpuMonitor,
  loadAverage,
  ms,
  pct,
  percentile,
  pidsByComm,
  progress,
  rate,
  sleep,
  type CpuReport,
} from './pipeline/stats.js';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const FLOOR_SECONDS = num('BENCH_FLOOR_SECONDS', 3);
const SUSTAIN_SECONDS = num('BENCH_SUSTAIN_SECONDS', 15);
const WARM_SECONDS = 4;
const WARM_MESSAGES = 600;
const WINDOW = num('BENCH_WINDOW', 128);
const CLIENTS = num('BENCH_CLIENTS', 32);
const BURST = num('BENCH_BURST', 3000);
const BURST_SECONDS = num('BENCH_BURST_SECONDS', 8);
const RATE = num('BENCH_RATE', 300);
const RATE_SECONDS = num('BENCH_RATE_SECONDS', 10);
/** The open loop stops offering when this many seconds of traffic are in flight: the rate is not sustainable. */
const BACKLOG_SECONDS = 2;
const DRAIN_TIMEOUT_MS = 45_000;

const TARGETS = { throughput: 1_000, floorShare: 70, p99Ms: 50 } as const;
const RETRY = { maxAttempts: 3, delaysMs: [100, 200] } as const;
const DESTINATIONS = ['channel.73451234', 'channel.72106543', 'backoffice.0599', 'backoffice.0772'];

interface Bench {
  readonly gateway: Gateway;
  readonly tracker: Tracker;
  readonly ids: IdSource;
  readonly spans: Spans;
  readonly cpu: CpuMonitor;
  readonly apiUrl: string;
}

type Latency = ReturnType<typeof latencies>;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const loadBefore = loadAverage();
  progress(`load average ${loadBefore}, ${os.cpus().length} cores; starting services`);
  const services = await startServices();
  const cleanups: (() => Promise<unknown>)[] = [() => services.close()];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      await c().catch((e: unknown) => progress(`clean-up: ${String(e)}`));
    }
  };
  process.once('SIGINT', () => {
    progress('interrupted; cleaning up');
    void cleanup().finally(() => process.exit(130));
  });
  try {
    const cpu = new CpuMonitor(() => ({
      bench: [process.pid],
      postgres: pidsByComm(['postgres']),
      rabbitmq: pidsByComm(['beam.smp'], 'bp-test-'),
      s3rver: [services.s3.pid],
    }));

    const floors = process.env.BENCH_SKIP_FLOORS ? [] : await measureFloors(services, cpu, FLOOR_SECONDS);

    progress('opening the gateway (PostgreSQL, s3rver, RabbitMQ)');
    const tracker = new Tracker();
    const partner = await startPartner(tracker);
    cleanups.push(() => partner.close());
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bp-bench-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const namespace = services.namespace('gw', DESTINATIONS, retryDelays(RETRY));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      DELIVERY_MAX_ATTEMPTS: String(RETRY.maxAttempts),
      DELIVERY_BACKOFF_MS: RETRY.delaysMs.join(','),
      ...services.env(namespace),
    });
    const logger = createLogger({ level: config.logLevel });
    const table = parseRoutingTable(testRoutingFile(partner.url));
    const channel = createHttpChannel();
    const spans = new Spans();
    const gateway = await openGateway(config, logger, { channel, table });
    cleanups.push(() => gateway.close());
    instrument(spans, gateway, channel);
    const server = await startServer(config, logger, gateway);
    server.keepAliveTimeout = 30_000;
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const backOffice = await startBackOffice(
      services.amqpUrl,
      topologyNames(namespace).queue('backoffice.0772'),
      tracker,
    );
    cleanups.push(() => backOffice.close());
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bench: Bench = { gateway, tracker, ids: new IdSource('B'), spans, cpu, apiUrl };

    // Warm-up (JIT, pools, queues), which also counts the work one 305 causes: nothing else runs meanwhile.
    progress(`warm-up: ${WARM_MESSAGES} messages`);
    const before = spans.totals();
    const warmed = await sustained(bench, 64, 0, 0, WARM_MESSAGES);
    const work = perMessage(before, spans.totals(), warmed.completed);

    progress(
      `(1) sustained: ${WINDOW} messages in flight end to end, ${SUSTAIN_SECONDS} s measured after ${WARM_SECONDS} s`,
    );
    const s = await sustained(bench, WINDOW, WARM_SECONDS, SUSTAIN_SECONDS);

    progress(`(1) HTTP accept: ${CLIENTS} closed-loop clients, ${BURST} messages or ${BURST_SECONDS} s`);
    const a = await acceptBurst(bench);

    progress(`(2) open loop: ${RATE} msgs/s for ${RATE_SECONDS} s`);
    const l = await openLoop(bench, RATE);
    // When the target rate overloads the gateway, also measure at a rate it sustains (half its throughput).
    const easyRate = Math.max(1, Math.floor(s.completionRate / 2));
    let easy: Awaited<ReturnType<typeof openLoop>> | undefined;
    if (l.overloaded || easyRate < RATE / 2) {
      progress(`(2) open loop: ${easyRate} msgs/s for ${RATE_SECONDS} s (half the sustained throughput)`);
      easy = await openLoop(bench, easyRate);
    }

    report({ loadBefore, startedAt, floors, work, s, a, l, easy, easyRate });
  } finally {
    progress('cleaning up (gateway, database, namespaces, s3rver)');
    await cleanup();
  }
}

function report(r: {
  loadBefore: string;
  startedAt: number;
  floors: Floor[];
  work: Map<string, number>;
  s: Awaited<ReturnType<typeof sustained>>;
  a: Awaited<ReturnType<typeof acceptBurst>>;
  l: Awaited<ReturnType<typeof openLoop>>;
  easy: Awaited<ReturnType<typeof openLoop>> | undefined;
  easyRate: number;
}): void {
  const { floors, work, s, a, l, easy } = r;
  const print = (line = '') => console.log(line);
  print(`\n## bench:pipeline — inbound WMO305, end to end on real services\n`);
  print(
    `Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}; load average ` +
      `(1/5/15 min) ${r.loadBefore} before, ${loadAverage()} after (the machine is shared: see "other" below). ` +
      `PostgreSQL and RabbitMQ on 127.0.0.1, s3rver in a child process (archive write-once: ${WRITE_ONCE}); the gateway, the load generator, the ` +
      'fake partner and the back-office consumer in this process.',
  );

  const callsPer = (key: string) => work.get(key) ?? Number.NaN;
  const bounds = floors.map((f) => {
    const calls = callsPer(f.span);
    return { ...f, calls, bound: f.opsPerSec / (calls > 0 ? calls : 1) };
  });
  const floor = Math.min(...bounds.map((b) => b.bound));
  const bottleneck = bounds.find((b) => b.bound === floor);
  const share = (s.completionRate / floor) * 100;

  print(
    `\n### (1) Throughput (targets: >= ${rate(TARGETS.throughput)} msgs/s end to end, >= ${TARGETS.floorShare}% of the floor)\n`,
  );
  print('| measure | msgs/s | messages | target | met |');
  print('|---|---:|---:|---:|:---:|');
  print(
    `| **end to end, sustained**: 306 at the partner + envelope consumed (${WINDOW} in flight, ${SUSTAIN_SECONDS} s after ${WARM_SECONDS} s warm-up) | ${rate(s.completionRate)} | ${s.completed} | ${rate(TARGETS.throughput)} | ${yes(s.completionRate >= TARGETS.throughput)} |`,
  );
  print(`| HTTP 202s in the same window | ${rate(s.acceptRate)} | ${s.accepted} | | |`);
  print(
    `| **HTTP accept**, ${CLIENTS} closed-loop clients waiting for their 202 only | ${rate(a.acceptRate)} | ${a.sent} | | |`,
  );
  print(
    `| end to end for that burst, first send to last completion | ${rate(a.completionRate)} | ${a.completed} | | |`,
  );
  if (floors.length > 0) {
    print(
      `| **end to end as % of the floor** (${rate(floor)} msgs/s, ${bottleneck?.key ?? '?'}) | ${pct(share)} | | ${TARGETS.floorShare}% | ${yes(share >= TARGETS.floorShare)} |`,
    );
  }

  print(
    `\n### (2) Latency, open loop, from each message's scheduled send time (target: p99 <= ${TARGETS.p99Ms} ms end to end at ${RATE} msgs/s)\n`,
  );
  print('| offered rate | latency until | p50 ms | p90 ms | p99 ms | max ms | n | target | met |');
  print('|---|---|---:|---:|---:|---:|---:|---:|:---:|');
  const latencyRows = (run: typeof l, target: boolean) => {
    const label = `${run.rate}/s${run.overloaded ? ` (**overloaded**: stopped after ${run.sent} sent)` : ''}`;
    const rows: [string, Latency][] = [
      ['the 306 reached the partner (end to end)', run.e2e],
      ['the back-office envelope was consumed', run.backOffice],
      ['the HTTP 202 (accept)', run.accept],
    ];
    rows.forEach(([what, lat], i) => {
      const met = i === 0 && target ? yes(lat.p99 <= TARGETS.p99Ms && !run.overloaded) : '';
      print(
        `| ${i === 0 ? label : ''} | ${what} | ${ms(lat.p50)} | ${ms(lat.p90)} | ${ms(lat.p99)} | ${ms(lat.max)} | ${lat.n} | ${i === 0 && target ? TARGETS.p99Ms : ''} | ${met} |`,
      );
    });
  };
  latencyRows(l, true);
  if (easy) latencyRows(easy, false);
  print(
    `\nOpen loop at ${RATE}/s: ${l.sent} sent (achieved send rate ${rate(l.sendRate)}/s), ${l.completed} fully processed.` +
      (l.overloaded
        ? ` The gateway fell behind by more than ${BACKLOG_SECONDS} s of traffic, so offering stopped early: it cannot sustain ${RATE}/s.`
        : '') +
      (easy ? ` At ${easy.rate}/s: ${easy.sent} sent, ${easy.completed} fully processed.` : ''),
  );

  if (floors.length > 0) {
    print(
      `\n### (3) The floor: each stage alone at saturation, same machine and services (${FLOOR_SECONDS} s each)\n`,
    );
    print(
      '| stage | callers | calls/s | calls per 305 | bound, 305s/s | CPU % of a core: bench (event loop) / pg / rabbit / s3rver / other |',
    );
    print('|---|---:|---:|---:|---:|---|');
    for (const b of bounds) {
      print(
        `| ${b.stage} | ${b.concurrency} | ${rate(b.opsPerSec)} | ${b.calls.toFixed(2)} | ${rate(b.bound)} | ${cpuCells(b.cpu).join(' / ')} |`,
      );
    }
    print(
      `\nFloor = the slowest stage's bound (its calls/s divided by the calls one 305 makes) = ${rate(floor)} msgs/s ` +
        `(${bottleneck?.stage ?? '?'}). End to end ${rate(s.completionRate)} msgs/s = ${pct(share)} of it ` +
        `(target >= ${TARGETS.floorShare}%).`,
    );
  }

  print(`\n### Work one 305 causes (counted over the ${WARM_MESSAGES}-message warm-up)\n`);
  print('| call | per 305 |');
  print('|---|---:|');
  for (const [name, n] of [...work].filter(([, n]) => n > 0).sort((x, y) => x[0].localeCompare(y[0]))) {
    print(`| ${name} | ${n.toFixed(2)} |`);
  }

  print(`\n### Where the CPU went (% of one core; ${os.cpus().length} cores = ${os.cpus().length * 100}%)\n`);
  print('| phase | machine busy | bench process (its event loop) | postgres | rabbitmq | s3rver | other |');
  print('|---|---:|---:|---:|---:|---:|---:|');
  const phases: [string, CpuReport][] = [
    [`sustained (${WINDOW} in flight)`, s.cpu],
    [`HTTP accept (${CLIENTS} clients)`, a.cpu],
    [`open loop ${l.rate}/s`, l.cpu],
    ...(easy ? ([[`open loop ${easy.rate}/s`, easy.cpu]] as [string, CpuReport][]) : []),
  ];
  for (const [name, c] of phases) {
    const [bench, postgres, rabbit, s3rver, other] = cpuCells(c);
    print(
      `| ${name} | ${pct(c.machineBusyPct)} | ${bench} | ${postgres} | ${rabbit} | ${s3rver} | ${other} |`,
    );
  }

  print(`\n### Time per port call (wall time; concurrent calls overlap, so "busy" can exceed 100%)\n`);
  const light = easy ?? (l.overloaded ? undefined : l);
  const lightRows = new Map((light?.spans ?? []).map((row) => [row.name, row]));
  print(
    `| call | calls in the sustained window | mean ms | max ms | busy: call time / window |${light ? ` mean ms at ${light.rate}/s open loop |` : ''}`,
  );
  print(`|---|---:|---:|---:|---:|${light ? '---:|' : ''}`);
  for (const row of s.spans) {
    const at = lightRows.get(row.name);
    print(
      `| ${row.name}${row.sync ? ' (sync: main-thread time)' : ''} | ${row.calls} | ${ms(row.meanMs)} | ${ms(row.maxMs)} | ${pct(row.busyPct)} |${light ? ` ${ms(at?.meanMs ?? Number.NaN)} |` : ''}`,
    );
  }
  const tracker = s.tracker;
  if (tracker.refused > 0 || tracker.unknownArrivals > 0) {
    const statuses = [...tracker.refusals].map(([status, n]) => `${n} x ${status || 'no answer'}`).join(', ');
    print(
      `\nWarning: ${tracker.refused} submissions not answered 202 (${statuses}); ${tracker.unknownArrivals} arrivals for unknown messages.`,
    );
    for (const [status, body] of tracker.refusalSamples) print(`- ${status || 'no answer'}: ${body}`);
  }
  print(`\nTotal run time ${((performance.now() - r.startedAt) / 1000).toFixed(0)} s.`);
}

function cpuCells(c: CpuReport): string[] {
  const g = c.groups;
  return [
    `${pct(g.bench ?? Number.NaN)} (${pct(c.eventLoopPct)})`,
    pct(g.postgres ?? Number.NaN),
    pct(g.rabbitmq ?? Number.NaN),
    pct(g.s3rver ?? Number.NaN),
    pct(c.otherPct),
  ];
}

function yes(ok: boolean): string {
  return ok ? 'yes' : '**no**';
}

function perMessage(before: Map<string, number>, after: Map<string, number>, messages: number) {
  const result = new Map<string, number>();
  for (const [name, n] of after) result.set(name, (n - (before.get(name) ?? 0)) / Math.max(1, messages));
  return result;
}

/**
 * Wraps the gateway's port objects (timed), and counts PostgreSQL statements and S3 requests by kind, so
 * the report can say what one 305 costs and where the time went. Nothing in src/ changes.
 */
function instrument(spans: Spans, gateway: Gateway, channel: object): void {
  spans.wrap('archive', gateway.archive, ['putRaw', 'getRaw', 'appendAudit']);
  spans.wrap('ledger', gateway.ledger, [
    'recordMessage',
    'findDuplicate',
    'transition',
    'claimOutbox',
    'markPublished',
    'appendAuditEvents',
  ]);
  spans.wrap('transport', gateway.transport, ['publish']);
  spans.wrap('channel', channel, ['deliver']);
  spans.wrap('validator', gateway.validator, ['inspect'], true);
  spans.wrap('pipeline', gateway.pipeline, ['submit']);
  spans.count('postgres statement', pg.Client.prototype, 'query', ([query]) => {
    const text = typeof query === 'string' ? query : ((query as { text?: string } | undefined)?.text ?? '');
    return /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '?';
  });
  spans.count(
    's3 request',
    S3Client.prototype,
    'send',
    ([command]) => (command as object).constructor.name.replace(/Command$/, '') || '?',
  );
}

/**
 * Closed loop on completion: keeps `window` messages in flight end to end (a new one is sent as one
 * completes). Counts completions and 202s in [warm, warm + seconds]; with `count`, sends that many instead.
 */
async function sustained(bench: Bench, window: number, warmSeconds: number, seconds: number, count?: number) {
  const { tracker, ids } = bench;
  const submitter = new Submitter(bench.apiUrl, KEYS.aanbieder72106543, tracker, window);
  const sentIds: string[] = [];
  let stop = false;
  const launch = () => {
    if (stop || (count !== undefined && sentIds.length >= count)) return;
    const id = ids.next();
    sentIds.push(id);
    void submitter.submit(id).then((status) => {
      if (status !== 202) launch(); // a refused one never completes; keep the window full
    });
  };
  const off = tracker.onComplete(launch);
  const c0 = tracker.completions.length;
  const a0 = tracker.acceptances.length;
  const t0 = performance.now();
  for (let i = 0; i < window; i++) launch();
  let result = {
    completed: 0,
    accepted: 0,
    completionRate: 0,
    acceptRate: 0,
    cpu: undefined as unknown as CpuReport,
    spans: [] as ReturnType<Spans['rows']>,
    tracker,
  };
  if (count === undefined) {
    await sleep(warmSeconds * 1000);
    const from = t0 + warmSeconds * 1000;
    const sample = bench.cpu.sample();
    bench.spans.reset();
    const profiling = await startProfile(process.env.BENCH_CPU_PROFILE);
    await sleep(seconds * 1000);
    const to = performance.now();
    await profiling.stop();
    const cpu = bench.cpu.report(sample);
    const spans = bench.spans.rows(seconds);
    stop = true;
    const completed = countIn(tracker.completions, c0, from, to);
    const accepted = countIn(tracker.acceptances, a0, from, to);
    const perSecond = (n: number) => n / ((to - from) / 1000);
    result = {
      ...result,
      completed,
      accepted,
      completionRate: perSecond(completed),
      acceptRate: perSecond(accepted),
      cpu,
      spans,
    };
  } else {
    while (sentIds.length < count) await sleep(50);
  }
  const done = await tracker.waitFor(sentIds, DRAIN_TIMEOUT_MS);
  off();
  submitter.close();
  if (done < sentIds.length) progress(`warning: ${sentIds.length - done} messages did not complete`);
  if (count !== undefined) result = { ...result, completed: done };
  return result;
}

function countIn(times: readonly number[], fromIndex: number, from: number, to: number): number {
  let n = 0;
  for (let i = fromIndex; i < times.length; i++) if (times[i]! >= from && times[i]! <= to) n++;
  return n;
}

/** `CLIENTS` closed-loop HTTP clients (each waits only for its 202), up to `BURST` messages; then the drain. */
async function acceptBurst(bench: Bench) {
  const { tracker, ids } = bench;
  const submitter = new Submitter(bench.apiUrl, KEYS.aanbieder72106543, tracker, CLIENTS);
  const sentIds: string[] = [];
  const sample = bench.cpu.sample();
  const t0 = performance.now();
  const until = t0 + BURST_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (sentIds.length < BURST && performance.now() < until) {
        const id = ids.next();
        sentIds.push(id);
        await submitter.submit(id);
      }
    }),
  );
  const acceptedAt = performance.now();
  const cpu = bench.cpu.report(sample);
  submitter.close();
  const completed = await tracker.waitFor(sentIds, DRAIN_TIMEOUT_MS);
  const last = Math.max(...sentIds.map((id) => tracker.get(id)?.done ?? 0));
  return {
    sent: sentIds.length,
    acceptRate: sentIds.length / ((acceptedAt - t0) / 1000),
    completed,
    completionRate: completed / ((last - t0) / 1000),
    cpu,
  };
}

/**
 * Open loop: message i is due at t0 + i / rate and is sent then, whatever the earlier ones are doing. Stops
 * offering early when more than BACKLOG_SECONDS of traffic is in flight (the rate is not sustainable).
 */
async function openLoop(bench: Bench, offered: number) {
  const { tracker, ids } = bench;
  const submitter = new Submitter(bench.apiUrl, KEYS.aanbieder72106543, tracker, 512);
  const total = Math.round(offered * RATE_SECONDS);
  const sent: string[] = [];
  const c0 = tracker.completions.length;
  let overloaded = false;
  const sample = bench.cpu.sample();
  bench.spans.reset();
  const t0 = performance.now() + 20;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent.length < total && t0 + (sent.length * 1000) / offered <= now) {
        const id = ids.next();
        const due = t0 + (sent.length * 1000) / offered;
        sent.push(id);
        void submitter.submit(id, due);
      }
      const backlog = sent.length - (tracker.completions.length - c0);
      if (backlog > offered * BACKLOG_SECONDS && sent.length > offered * BACKLOG_SECONDS) overloaded = true;
      if (sent.length >= total || overloaded) resolve();
      else setTimeout(tick, 2);
    };
    setTimeout(tick, 20);
  });
  const sendRate = sent.length / ((performance.now() - t0) / 1000);
  const cpu = bench.cpu.report(sample);
  const completed = await tracker.waitFor(sent, DRAIN_TIMEOUT_MS);
  const spans = bench.spans.rows((performance.now() - t0) / 1000);
  submitter.close();
  return {
    rate: offered,
    spans,
    sent: sent.length,
    overloaded,
    sendRate,
    completed,
    e2e: latencies(tracker, sent, (e) => e.partner),
    backOffice: latencies(tracker, sent, (e) => e.backOffice),
    accept: latencies(tracker, sent, (e) => e.accepted),
    cpu,
  };
}

function latencies(
  tracker: Tracker,
  ids: readonly string[],
  pick: (e: NonNullable<ReturnType<Tracker['get']>>) => number | undefined,
) {
  const values = ids
    .map((id) => {
      const e = tracker.get(id);
      const at = e ? pick(e) : undefined;
      return e && at !== undefined ? at - e.sent : undefined;
    })
    .filter((v): v is number => v !== undefined)
    .sort((x, y) => x - y);
  return {
    n: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.at(-1) ?? Number.NaN,
  };
}

// Exit cleanly: nothing may keep the process alive after the clean-up; if something does, say what.
main()
  .then(() => {
    const timer = setTimeout(() => {
      progress(`still alive 10 s after clean-up: ${process.getActiveResourcesInfo().join(', ')}; exiting`);
      process.exit(0);
    }, 10_000);
    timer.unref();
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
