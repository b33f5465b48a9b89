import { spawn } from "node:child_process";
import { lstat, mkdtemp, readdir, rm, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { ProbotOctokit } from "probot";
import { UserError } from "../../errors.js";
import type { RepoRef } from "../../ports/github.js";

export interface DownloadedTree {
  dir: string;
  remove(): Promise<void>;
}

/** Default cap on the compressed tarball; GitHub serves whole repositories, so bound what we take. */
export const MAX_TARBALL_BYTES = 256 * 1024 * 1024;

/**
 * Streams the repository's tarball at `ref` into a fresh temporary folder (never buffered whole,
 * size-capped), then removes every symlink so nothing outside the folder can be read through one.
 * The caller removes the folder when the scan is done.
 */
export async function downloadTarball(octokit: ProbotOctokit, repo: RepoRef, ref: string, maxBytes = MAX_TARBALL_BYTES): Promise<DownloadedTree> {
  const dir = await mkdtemp(path.join(tmpdir(), "concord-tree-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const response = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", {
      ...repo,
      ref,
      request: { parseSuccessResponseBody: false },
    });
    // With parseSuccessResponseBody off, Octokit hands over fetch's body stream untouched.
    const body = response.data as WebReadableStream<Uint8Array> | null;
    if (!body) throw new Error("empty tarball response");
    await extract(Readable.fromWeb(body), dir, maxBytes);
    await removeSymlinks(dir);
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

function extract(source: Readable, dir: string, maxBytes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // GitHub wraps the tree in one top folder (owner-repo-sha): strip it.
    const tar = spawn("tar", ["-xzf", "-", "-C", dir, "--strip-components=1", "--no-same-owner", "--no-same-permissions"], {
      stdio: ["pipe", "ignore", "pipe"],
    });
    let received = 0;
    let failed = false;
    let stderr = "";
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      source.destroy();
      tar.kill();
      reject(error);
    };
    tar.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    tar.on("error", fail);
    tar.stdin.on("error", () => undefined);
    tar.on("close", (code) => {
      if (failed) return;
      if (code === 0) resolve();
      else fail(new Error(`tar exited with ${code}: ${stderr.trim().slice(0, 500)}`));
    });
    source.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) fail(new UserError(`the repository archive is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; scan it with the CLI instead`));
    });
    source.on("error", fail);
    source.pipe(tar.stdin);
  });
}

async function removeSymlinks(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) await unlink(full);
    else if (entry.isDirectory() && !(await lstat(full)).isSymbolicLink()) await removeSymlinks(full);
  }
}
