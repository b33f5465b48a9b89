import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import type { Database } from "better-sqlite3";
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";

export interface SqliteConnectionOptions {
  /** Opens the file with its PRAGMAs set; called again to reopen a connection SQLite had to open read-only. */
  open: () => Database;
  /** Whether this process may write the file now. */
  writable: () => boolean;
  /**
   * How long a statement may keep retrying, counted from when it asked for the connection, while
   * another connection holds the write lock; then it fails so the caller can answer 5xx.
   */
  busyBudgetMs: number;
}

/** Kysely's SQLite dialect on a driver that never waits for a lock on the event loop (see BusyRetryingDriver). */
export function busyRetryingSqliteDialect(options: SqliteConnectionOptions): Dialect {
  return {
    createDriver: () => new BusyRetryingDriver(options),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}

/** Thrown when the write lock stayed with another connection for the whole budget. */
class SqliteLockedError extends Error {
  override readonly name = "SqliteLockedError";
}

/**
 * better-sqlite3 is synchronous: SQLite's own busy wait (busy_timeout) blocks the event loop for as
 * long as it waits. So busy_timeout stays short and a statement that still finds the file locked
 * is retried after a timer, with the event loop free meanwhile, until its budget runs out. Like
 * Kysely's own SQLite driver it serves one connection to one caller at a time (a transaction
 * holds it from begin to commit).
 *
 * A file that was not writable when it was opened gives a connection SQLite keeps read-only for
 * good; once the file can be written again, the next write that fails reopens it, so fixing the
 * permissions needs no restart.
 */
class BusyRetryingDriver implements Driver {
  readonly #options: SqliteConnectionOptions;
  readonly #mutex = new Mutex();
  #db: Database | undefined;
  #openedWritable = true;
  #inTransaction = false;

  constructor(options: SqliteConnectionOptions) {
    this.#options = options;
  }

  init(): Promise<void> {
    this.#openedWritable = this.#options.writable();
    this.#db = this.#options.open();
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // The budget starts now: a statement queued behind one that is retrying has used part of it already.
    const deadline = Date.now() + this.#options.busyBudgetMs;
    await this.#mutex.lock();
    return {
      executeQuery: <R>(query: CompiledQuery) => this.#execute<R>(query, deadline),
      streamQuery: () => {
        throw new Error("The SQLite store does not stream query results.");
      },
    };
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin"));
    this.#inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("commit"));
    this.#inTransaction = false;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw("rollback"));
  }

  releaseConnection(): Promise<void> {
    this.#mutex.unlock();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    this.#db?.close();
    return Promise.resolve();
  }

  async #execute<R>(query: CompiledQuery, deadline: number): Promise<QueryResult<R>> {
    let reopened = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return runStatement<R>(this.#database(), query);
      } catch (error) {
        const left = deadline - Date.now();
        if (isBusy(error) && left > 0) {
          await sleep(Math.min(10 * 2 ** attempt, 100, left));
          continue;
        }
        if (isReadOnly(error) && !reopened && this.#reopenIfWritableNow()) {
          reopened = true;
          continue;
        }
        if (!isBusy(error)) throw error;
        // One more turn of the event loop before the next caller's statement, so that a queue of
        // statements that all find the file locked cannot keep requests from being answered.
        await nextTurn();
        throw new SqliteLockedError(`The SQLite file is locked by another connection; gave up after ${this.#options.busyBudgetMs} ms.`, { cause: error });
      }
    }
  }

  #reopenIfWritableNow(): boolean {
    if (this.#openedWritable || this.#inTransaction || !this.#options.writable()) return false;
    const fresh = this.#options.open();
    this.#database().close();
    this.#db = fresh;
    this.#openedWritable = true;
    return true;
  }

  #database(): Database {
    if (!this.#db) throw new Error("The SQLite driver is not initialised or was destroyed.");
    return this.#db;
  }
}

function runStatement<R>(db: Database, { sql, parameters }: CompiledQuery): QueryResult<R> {
  const statement = db.prepare(sql);
  if (statement.reader) return { rows: statement.all(...parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(...parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

function sqliteCode(error: unknown): string {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : "";
}

/** SQLITE_BUSY and its extended codes (recovery, snapshot, timeout). */
function isBusy(error: unknown): boolean {
  return sqliteCode(error).startsWith("SQLITE_BUSY");
}

function isReadOnly(error: unknown): boolean {
  return sqliteCode(error).startsWith("SQLITE_READONLY");
}

/** One holder at a time, served in the order they asked. */
class Mutex {
  readonly #waiting: (() => void)[] = [];
  #held = false;

  lock(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  unlock(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}
