/**
 * The ledger contract: one suite, run by every adapter's test (`test/ledger/*.test.ts`), so the embedded
 * ledger cannot drift from production while the tests stay green. It covers failure behaviour as much as
 * the happy path: duplicates and races, refused transitions, rollbacks, leases that run out, a closed
 * ledger, a schema that must not be migrated.
 */
import { afterEach, describe } from 'vitest';
import { auditContract } from './contract/audit.js';
import { conversationContract } from './contract/conversations.js';
import { lifecycleContract } from './contract/lifecycle.js';
import { messagesContract } from './contract/messages.js';
import { outboxContract } from './contract/outbox.js';
import { transitionsContract } from './contract/transitions.js';
import type { OpenLedgerOptions } from './core.js';
import type { Ledger } from './port.js';

/** One database as a deployment sees it: opening it again finds the same data. */
export interface LedgerStore {
  open(options?: OpenLedgerOptions): Promise<Ledger>;
}

export interface LedgerHarness {
  /**
   * Whether several ledgers may be open on one store at the same time, as separate processes would be
   * (PostgreSQL: yes, and races are then real; PGlite: one process owns a data directory).
   */
  readonly concurrent: boolean;
  /** A new, empty store. */
  newStore(): Promise<LedgerStore>;
  /** A new, empty ledger, as cheap as the engine allows (may be in memory); defaults to `newStore().open()`. */
  fresh?(): Promise<Ledger>;
}

/** What each part of the suite gets: ledgers it opens are closed after each test. */
export interface ContractContext {
  readonly concurrent: boolean;
  newStore(): Promise<LedgerStore>;
  fresh(): Promise<Ledger>;
  /** Opens on `store` and closes after the test. */
  open(store: LedgerStore, options?: OpenLedgerOptions): Promise<Ledger>;
}

export function runLedgerContract(name: string, harness: LedgerHarness): void {
  const opened: Ledger[] = [];
  const track = (ledger: Ledger): Ledger => {
    opened.push(ledger);
    return ledger;
  };
  const ctx: ContractContext = {
    concurrent: harness.concurrent,
    newStore: () => harness.newStore(),
    fresh: async () => track(harness.fresh ? await harness.fresh() : await (await harness.newStore()).open()),
    open: async (store, options) => track(await store.open(options)),
  };

  describe(`ledger contract: ${name}`, () => {
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((l) => l.close()));
    });
    lifecycleContract(ctx);
    messagesContract(ctx);
    transitionsContract(ctx);
    conversationContract(ctx);
    outboxContract(ctx);
    auditContract(ctx);
  });
}
