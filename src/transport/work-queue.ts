/**
 * Runs queued work items with bounded concurrency, in arrival order. Both adapters feed deliveries through
 * it, so "concurrency 1 means delivery order" holds the same way for memory and RabbitMQ.
 */
import { Fifo } from './fifo.js';

export class WorkQueue<T> {
  private readonly queue = new Fifo<T>();
  private active = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly run: (item: T) => Promise<void>,
  ) {}

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  push(item: T): void {
    this.queue.push(item);
    this.pump();
  }

  /** Starts nothing more; answers the items that never started (the caller decides their fate). */
  stop(): T[] {
    this.stopped = true;
    return this.queue.drain();
  }

  /** Removes the items that have not started, without stopping: they were handed out by a link now gone. */
  clear(): T[] {
    return this.queue.drain();
  }

  /** Resolves when no item is running (items still queued do not count once stopped). */
  idle(): Promise<void> {
    if (this.active === 0 && (this.stopped || this.queue.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.queue.length > 0) {
      const item = this.queue.shift() as T;
      this.active += 1;
      // `run` handles its own failures; a throw here is a bug in the adapter, which must not stall the queue.
      this.run(item)
        .catch(() => undefined)
        .finally(() => {
          this.active -= 1;
          this.pump();
          if (this.active === 0 && (this.stopped || this.queue.length === 0)) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
    }
  }
}
