import { execFile } from "node:child_process";

/**
 * Read-only git plumbing for scanned repositories. The repository is untrusted: its
 * .git/config can name programs that git runs on its own (an fsmonitor hook on ls-files
 * and blame, gpg for log signatures, textconv and external diff drivers). Every call
 * overrides those settings and never touches the working tree through filters.
 */

/** Overrides for repository-config settings that make read commands run programs. */
export const NEUTRALIZING_CONFIG: readonly string[] = [
  "-c", "core.fsmonitor=", // empty disables the hook on every git version
  "-c", "log.showSignature=false", // would run gpg.program
  "-c", "diff.external=",
  "-c", "core.pager=cat",
];

export interface GitOptions {
  /** Default 60 s: a scan should fail rather than hang on a huge history. */
  timeoutMs?: number;
  /** Default 256 MB: blame of a big file is large. */
  maxBuffer?: number;
  gitBinary?: string;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly code: string | number | undefined,
  ) {
    super(message);
    this.name = "GitError";
  }
}

export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string> {
  const fullArgs = [...NEUTRALIZING_CONFIG, "--no-pager", "--no-optional-locks", ...args];
  return new Promise((resolve, reject) => {
    execFile(
      options.gitBinary ?? "git",
      fullArgs,
      {
        cwd,
        encoding: "utf8",
        maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
        timeout: options.timeoutMs ?? 60_000,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          reject(new GitError(`git ${args[0] ?? ""} failed: ${(stderr || error.message).trim().slice(0, 500)}`, args, code));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

export interface BlameLine {
  author: string;
  /** ISO 8601, UTC. */
  authorTime: string;
  commit: string;
}

const BLAME_HEADER = /^([0-9a-f]{40,64}) \d+ (\d+)/;
const UNCOMMITTED = /^0+$/;

/**
 * Parses `git blame --line-porcelain`: every line carries its full header, ended by the
 * line's content prefixed with a tab. Lines not yet committed are left out.
 */
export function parseBlamePorcelain(output: string): Map<number, BlameLine> {
  const lines = new Map<number, BlameLine>();
  let commit = "";
  let finalLine = 0;
  let author = "";
  let authorTime = "";
  for (const row of output.split("\n")) {
    if (row.startsWith("\t")) {
      if (finalLine > 0 && !UNCOMMITTED.test(commit)) lines.set(finalLine, { author, authorTime, commit });
      finalLine = 0;
      continue;
    }
    const header = BLAME_HEADER.exec(row);
    if (header) {
      commit = header[1]!;
      finalLine = Number(header[2]);
      author = "";
      authorTime = "";
    } else if (row.startsWith("author ")) {
      author = row.slice(7);
    } else if (row.startsWith("author-time ")) {
      authorTime = new Date(Number(row.slice(12)) * 1000).toISOString();
    }
  }
  return lines;
}

/**
 * Parses `git log -z --name-only --format=format:%x1e%H`: each commit starts with a
 * record separator and its hash, then a newline and NUL-separated paths.
 * Returns how many commits touched each path.
 */
export function parseNameOnlyLog(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  let seen = new Set<string>();
  const count = (path: string): void => {
    if (path === "" || seen.has(path)) return;
    seen.add(path);
    counts.set(path, (counts.get(path) ?? 0) + 1);
  };
  for (const field of output.split("\0")) {
    if (field.startsWith("\x1e")) {
      seen = new Set();
      const newline = field.indexOf("\n");
      if (newline !== -1) count(field.slice(newline + 1));
    } else {
      count(field);
    }
  }
  return counts;
}

export function splitNul(output: string): string[] {
  return output.split("\0").filter((part) => part.length > 0);
}
