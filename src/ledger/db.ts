/**
 * The one thing an adapter implements: a tiny PostgreSQL session. All SQL lives in the core
 * (`core.ts`, `sql.ts`, `migrate.ts`) and runs unchanged on both engines; an adapter only hands out
 * connections and maps native errors onto `LedgerError` (every method below throws nothing else).
 */

export interface DbResult<Row> {
  readonly rows: Row[];
  /** Rows inserted, updated, deleted or returned by the statement. */
  readonly rowCount: number;
}

export interface DbSession {
  /** One statement with `$1`-style parameters (extended protocol). */
  query<Row>(text: string, params?: readonly unknown[]): Promise<DbResult<Row>>;
  /** A script of several statements without parameters (simple protocol): migrations. */
  exec(script: string): Promise<void>;
}

export interface Db extends DbSession {
  readonly engine: 'postgres' | 'pglite';
  /**
   * Runs `fn` in one transaction (READ COMMITTED) on one connection; commits when it resolves, rolls back
   * when it throws. Inside `fn` use only `tx`: on PGlite the outer session waits for the transaction.
   */
  transaction<T>(fn: (tx: DbSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
