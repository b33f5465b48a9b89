import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import type { Store } from "../../src/ports/store.js";

export interface TestStore {
  store: Store;
  /** The SQLite file, so a test can reopen it to simulate a restart. */
  file: string;
  /** Closes the store (if still open) and deletes its folder. A property, so it can be destructured. */
  cleanup: () => Promise<void>;
}

/** A real, migrated SQLite store in a fresh temp folder: tests exercise the same code as production. */
export async function createTestStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), "concord-store-"));
  const file = join(dir, "concord.sqlite");
  const store = await openSqliteStore(file);
  let closed = false;
  return {
    store,
    file,
    cleanup: async () => {
      if (!closed) {
        closed = true;
        await store.close().catch(() => undefined);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
