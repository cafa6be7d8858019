/**
 * The simulator's timers and background tasks, tracked in one place so that close() can cancel what still
 * waits, abort the sends under way and wait for the tasks already running: nothing outlives the simulator.
 */
export class Scheduler {
  private readonly abort = new AbortController();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();
  private stopped = false;

  get closed(): boolean {
    return this.stopped;
  }

  /** Aborted on close: for the gateway requests under way. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Runs `task` after `ms`; what it throws goes to `onError`. Nothing is scheduled once closed. */
  later(ms: number, task: () => Promise<void>, onError: (error: unknown) => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = task().catch(onError);
      this.pending.add(run);
      void run.finally(() => this.pending.delete(run));
    }, ms);
    this.timers.add(timer);
  }

  /** Waits `ms`, or less when the simulator closes meanwhile. */
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
      this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abort.abort();
    await Promise.allSettled([...this.pending]);
  }
}
