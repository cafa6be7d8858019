/**
 * Small helpers for `bench/pipeline.ts`: percentiles, number formatting, progress on stderr, and a CPU
 * monitor that says who used the machine's cores during a phase (this process's event loop, PostgreSQL,
 * RabbitMQ, s3rver, everything else), read from /proc.
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

export function progress(message: string): void {
  process.stderr.write(`[bench:pipeline ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function rate(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

export function ms(n: number): string {
  return Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : 'n/a';
}

export function pct(n: number): string {
  return Number.isFinite(n) ? `${Math.round(n)}%` : 'n/a';
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));

/** CPU ticks (user + system) per process, grouped, and the machine's total busy ticks. */
interface CpuSample {
  readonly at: number;
  readonly machineBusy: number;
  readonly machineTotal: number;
  readonly groups: Record<string, Map<number, number>>;
  readonly elu: EventLoopUtilization;
}

/** Where the machine's CPU went during a phase, in % of one core (200% = both cores of this machine). */
export interface CpuReport {
  readonly machineBusyPct: number;
  /** This process's main thread: event-loop utilisation (100% = the one JS thread never idles). */
  readonly eventLoopPct: number;
  readonly groups: Readonly<Record<string, number>>;
  /** Machine busy minus the groups: other work on the machine (other sessions, tests, the OS). */
  readonly otherPct: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export class CpuMonitor {
  constructor(private readonly pids: () => Readonly<Record<string, readonly number[]>>) {}

  sample(): CpuSample {
    const groups: Record<string, Map<number, number>> = {};
    for (const [name, pids] of Object.entries(this.pids())) {
      groups[name] = new Map(pids.map((pid) => [pid, processTicks(pid)]));
    }
    const { busy, total } = machineTicks();
    return {
      at: performance.now(),
      machineBusy: busy,
      machineTotal: total,
      groups,
      elu: performance.eventLoopUtilization(),
    };
  }

  /** Only processes present at both samples count for their group; the rest is "other". */
  report(from: CpuSample, to: CpuSample = this.sample()): CpuReport {
    const seconds = (to.at - from.at) / 1000;
    const cores = os.cpus().length;
    const groups: Record<string, number> = {};
    let known = 0;
    for (const [name, after] of Object.entries(to.groups)) {
      const before = from.groups[name] ?? new Map<number, number>();
      let ticks = 0;
      for (const [pid, t] of after) if (before.has(pid)) ticks += Math.max(0, t - before.get(pid)!);
      groups[name] = (ticks / TICKS_PER_SECOND / seconds) * 100;
      known += groups[name];
    }
    const totalDelta = to.machineTotal - from.machineTotal;
    const machineBusyPct =
      totalDelta > 0 ? ((to.machineBusy - from.machineBusy) / totalDelta) * 100 * cores : Number.NaN;
    return {
      machineBusyPct,
      eventLoopPct: performance.eventLoopUtilization(to.elu, from.elu).utilization * 100,
      groups,
      otherPct: Math.max(0, machineBusyPct - known),
    };
  }
}

/**
 * Pids whose command name (`/proc/<pid>/comm`) starts with one of `prefixes`, minus those whose command
 * line contains `exclude` (e.g. the scratch RabbitMQ nodes other test runs start).
 */
export function pidsByComm(prefixes: readonly string[], exclude?: string): number[] {
  const pids: number[] = [];
  for (const entry of safeReaddir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (!prefixes.some((p) => comm.startsWith(p))) continue;
      if (exclude && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(exclude)) continue;
      pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the full line)
  } catch {
    return 0;
  }
}

function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}
