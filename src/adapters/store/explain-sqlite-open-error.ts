import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { StartupError } from "../../startup-error.js";

/**
 * Turns what goes wrong opening a SQLite file at start (an unusable path, a folder Concord cannot
 * write) into one sentence naming the path and the problem. Anything else is returned as it was.
 */
export function explainSqliteOpenError(file: string, error: unknown): unknown {
  const code = firstCode(error);
  const folder = dirname(file);
  if (code === "EEXIST" || code === "ENOTDIR") {
    const blocker = firstFileAmong(folder);
    if (blocker) return new StartupError(`The database path ${file} cannot be used: ${blocker} is a file, not a folder.`, { cause: error });
  }
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return new StartupError(`The data folder ${folder} cannot be created: this user may not write to ${nearestExisting(folder)}.`, { cause: error });
  }
  if (code === "SQLITE_CANTOPEN") {
    if (kindOf(file) === "folder") return new StartupError(`The database path ${file} is a folder; it must name a file, such as ${file}/concord.db.`, { cause: error });
    return new StartupError(`The database file ${file} cannot be opened: check that the data folder ${folder} exists and this user may write to it.`, { cause: error });
  }
  if (code === "SQLITE_READONLY_DIRECTORY") {
    return new StartupError(`The data folder ${folder} is not writable: SQLite must create ${basename(file)}-wal and ${basename(file)}-shm beside the database file.`, { cause: error });
  }
  if (code?.startsWith("SQLITE_READONLY")) {
    return new StartupError(`The database file ${file} is read-only: this user must be able to write to it.`, { cause: error });
  }
  return error;
}

/** The first error code along the cause chain (a failed migration wraps the driver's error). */
function firstCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const { code } = current as { code?: unknown };
    if (typeof code === "string") return code;
  }
  return undefined;
}

function kindOf(path: string): "file" | "folder" | "missing" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}

/** Walking up from `folder`, the first path that exists as a file (what blocks creating the folder). */
function firstFileAmong(folder: string): string | undefined {
  for (let path = folder; path !== dirname(path); path = dirname(path)) {
    const kind = kindOf(path);
    if (kind === "file") return path;
    if (kind === "folder") return undefined;
  }
  return undefined;
}

function nearestExisting(folder: string): string {
  let path = folder;
  while (kindOf(path) === "missing" && path !== dirname(path)) path = dirname(path);
  return path;
}
