import type { Database } from "better-sqlite3";

/** What C5 requires of every connection; checked after setting, because SQLite ignores some silently. */
export const REQUIRED_SQLITE_PRAGMAS = {
  journal_mode: "wal",
  // SQLite's busy wait blocks the event loop (better-sqlite3 is synchronous), so it is kept short;
  // a statement that still finds the file locked is retried on a timer (sqlite-driver.ts).
  busy_timeout: 50,
  // 2 = FULL: a commit survives power loss, not only an app crash (NORMAL can roll back on power loss).
  synchronous: 2,
  foreign_keys: 1,
} as const;

export type SqlitePragmas = { [K in keyof typeof REQUIRED_SQLITE_PRAGMAS]: string | number };

export function readSqlitePragmas(db: Database): SqlitePragmas {
  const read = (name: string): string | number => db.pragma(name, { simple: true }) as string | number;
  return {
    journal_mode: String(read("journal_mode")).toLowerCase(),
    busy_timeout: Number(read("busy_timeout")),
    synchronous: Number(read("synchronous")),
    foreign_keys: Number(read("foreign_keys")),
  };
}

/** Sets the PRAGMAs and throws if any did not take (e.g. WAL refused on a filesystem without shared memory). */
export function applySqlitePragmas(db: Database): SqlitePragmas {
  db.pragma(`journal_mode = ${REQUIRED_SQLITE_PRAGMAS.journal_mode.toUpperCase()}`);
  db.pragma(`busy_timeout = ${REQUIRED_SQLITE_PRAGMAS.busy_timeout}`);
  db.pragma(`synchronous = ${REQUIRED_SQLITE_PRAGMAS.synchronous}`);
  db.pragma(`foreign_keys = ${REQUIRED_SQLITE_PRAGMAS.foreign_keys === 1 ? "ON" : "OFF"}`);
  const actual = readSqlitePragmas(db);
  for (const [name, wanted] of Object.entries(REQUIRED_SQLITE_PRAGMAS)) {
    const got = actual[name as keyof SqlitePragmas];
    if (got !== wanted) throw new Error(`SQLite PRAGMA ${name} is ${String(got)}, expected ${String(wanted)}`);
  }
  return actual;
}
