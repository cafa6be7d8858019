/**
 * One in-process queue with competing consumers, as a broker queue has: items wait in order, each goes to
 * one consumer with a free slot (round robin), and a consumer holds no more than it runs.
 */
import { Fifo } from '../fifo.js';
import type { DeadLetterReason, Delivery } from '../port.js';
import { WorkQueue } from '../work-queue.js';

/** A queued message: a delivery before it is handed out (`redelivered` is decided at hand-out). */
export type Entry = Omit<Delivery, 'redelivered'>;

export interface DeadEntry extends Omit<Entry, 'attempt'> {
  readonly reason: DeadLetterReason;
  readonly redelivered?: boolean;
}

interface Consumer<T> {
  readonly work: WorkQueue<T>;
  readonly concurrency: number;
}

export class MemoryQueue<T> {
  private readonly items = new Fifo<T>();
  private consumers: Consumer<T>[] = [];
  private next = 0;
  private scheduled = false;

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    this.items.push(item);
    this.schedule();
  }

  /** Adds a consumer; answers the function that detaches it and waits for its running items. */
  attach(concurrency: number, run: (item: T) => Promise<void>): () => Promise<void> {
    const consumer: Consumer<T> = {
      concurrency,
      work: new WorkQueue<T>(concurrency, async (item) => {
        try {
          await run(item);
        } finally {
          // A freed slot may take the next waiting item.
          this.schedule();
        }
      }),
    };
    this.consumers.push(consumer);
    this.schedule();
    return async () => {
      this.consumers = this.consumers.filter((c) => c !== consumer);
      // The consumer never holds more than it runs, so nothing is left over; should that change, the
      // leftovers go back rather than vanish.
      for (const item of consumer.work.stop()) this.items.push(item);
      await consumer.work.idle();
      this.schedule();
    };
  }

  /**
   * Deliveries start on a later turn of the event loop, as they would from a broker: `publish` resolves
   * before any handler runs, and a burst is handed out without deepening the stack.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.items.length > 0) {
      const consumer = this.freeConsumer();
      if (consumer === undefined) return;
      consumer.work.push(this.items.shift() as T);
    }
  }

  private freeConsumer(): Consumer<T> | undefined {
    const count = this.consumers.length;
    for (let i = 0; i < count; i += 1) {
      const consumer = this.consumers[(this.next + i) % count];
      if (consumer !== undefined && consumer.work.running + consumer.work.waiting < consumer.concurrency) {
        this.next = (this.next + i + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }
}
