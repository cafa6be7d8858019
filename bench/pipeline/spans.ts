/**
 * Timing spans without touching src/: wraps methods of the gateway's port objects (the ledger, the archive,
 * the transport, the validator, the channel) in place, so the pipeline, relay and delivery workers, which
 * hold the same objects, call the wrappers. Per method: calls, total and mean wall time (overlapping calls
 * each count their own time, so totals of async methods exceed the phase's length under concurrency;
 * synchronous methods are pure main-thread time).
 */
import { performance } from 'node:perf_hooks';

interface Span {
  /** Calls since the wrapping, never reset: calls per message are counted over the whole run. */
  allCalls: number;
  calls: number;
  totalMs: number;
  maxMs: number;
  readonly sync: boolean;
}

export class Spans {
  private readonly spans = new Map<string, Span>();
  private readonly counters = new Map<string, number>();

  /**
   * Counts calls of `target[method]` under `label.<key>`, the key taken from the arguments (e.g. the SQL
   * verb, the S3 command); no timing, so callback-style methods count as well.
   */
  count(label: string, target: object, method: string, keyOf: (args: unknown[]) => string): void {
    const record = target as Record<string, unknown>;
    const original = record[method];
    if (typeof original !== 'function') throw new Error(`${label}.${method} is not a method`);
    const counters = this.counters;
    record[method] = function (this: unknown, ...args: unknown[]) {
      const name = `${label}.${keyOf(args)}`;
      counters.set(name, (counters.get(name) ?? 0) + 1);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  }

  /** Every counter and every span's call count since the wrapping, never reset. */
  totals(): Map<string, number> {
    const totals = new Map(this.counters);
    for (const [name, span] of this.spans) totals.set(name, span.allCalls);
    return totals;
  }

  /** Wraps `methods` of `target` (own or inherited) under `label.method`. */
  wrap(label: string, target: object, methods: readonly string[], sync = false): void {
    const record = target as Record<string, unknown>;
    for (const method of methods) {
      const original = record[method];
      if (typeof original !== 'function') throw new Error(`${label}.${method} is not a method`);
      const name = `${label}.${method}`;
      const span: Span = { allCalls: 0, calls: 0, totalMs: 0, maxMs: 0, sync };
      this.spans.set(name, span);
      const done = (started: number) => {
        const took = performance.now() - started;
        span.calls += 1;
        span.allCalls += 1;
        span.totalMs += took;
        if (took > span.maxMs) span.maxMs = took;
      };
      record[method] = function (this: unknown, ...args: unknown[]) {
        const started = performance.now();
        const result: unknown = (original as (...a: unknown[]) => unknown).apply(this, args);
        if (result instanceof Promise) {
          return result.finally(() => done(started));
        }
        done(started);
        return result;
      };
    }
  }

  reset(): void {
    for (const span of this.spans.values()) Object.assign(span, { calls: 0, totalMs: 0, maxMs: 0 });
  }

  /** A snapshot of the window since `reset()`, sorted by total time. */
  rows(seconds: number) {
    return [...this.spans.entries()]
      .filter(([, s]) => s.calls > 0)
      .sort((a, b) => b[1].totalMs - a[1].totalMs)
      .map(([name, s]) => ({
        name,
        sync: s.sync,
        calls: s.calls,
        meanMs: s.totalMs / s.calls,
        maxMs: s.maxMs,
        /** Busy time as a share of the phase: > 100% means that many calls overlapped on average. */
        busyPct: (s.totalMs / (seconds * 1000)) * 100,
      }));
  }
}
