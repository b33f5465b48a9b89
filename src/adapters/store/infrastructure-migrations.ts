import type { Kysely, Migration } from "kysely";
import { serialKey, type MigrationSet } from "./migration-set.js";
import type { StoreDialect } from "./schema.js";

// Migrations take Kysely<any> on purpose: they must keep working after StoreSchema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */
function initial(dialect: StoreDialect): Migration {
  const serial = serialKey(dialect);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("deliveries")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("event", "text", (c) => c.notNull())
        .addColumn("action", "text")
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("last_error", "text")
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // listDeliveries(statuses) and countDeliveries() filter/group by status, oldest first.
      await db.schema
        .createIndex("deliveries_status_received_idx")
        .on("deliveries")
        .columns(["status", "received_at"])
        .execute();

      await db.schema
        .createTable("messages")
        .addColumn("seq", "integer", serial)
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("messages_conversation_seq_idx")
        .on("messages")
        .columns(["conversation_id", "seq"])
        .execute();

      await db.schema
        .createTable("inbox")
        .addColumn("seq", "integer", serial)
        .addColumn("agent_id", "text", (c) => c.notNull())
        .addColumn("message_id", "text", (c) => c.notNull().references("messages.id").onDelete("cascade"))
        .addColumn("priority_rank", "integer", (c) => c.notNull())
        .addUniqueConstraint("inbox_agent_message_unique", ["agent_id", "message_id"])
        .execute();
      // takeNextMessage: WHERE agent_id = ? ORDER BY priority_rank, seq LIMIT 1 is an index range scan.
      await db.schema
        .createIndex("inbox_agent_priority_seq_idx")
        .on("inbox")
        .columns(["agent_id", "priority_rank", "seq"])
        .execute();

      await db.schema
        .createTable("dead_letters")
        .addColumn("id", "integer", serial)
        .addColumn("message_id", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("kv")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      // debt_scans was created here until it moved to the tech-debt feature's own migration
      // (0003_debt_scans), which creates it only where it is missing: databases that ran this
      // version of 0001 keep their table and rows, fresh ones get the same table from 0003.
    },
  };
}

/** At-least-once bus (inbox leases and receipts) and the indexes the retention job's deletes need. */
const leasesAndRetention: Migration = {
  async up(db: Kysely<any>) {
    // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
    await db.schema.alterTable("inbox").addColumn("lease_owner", "text").execute();
    await db.schema.alterTable("inbox").addColumn("lease_until", "text").execute();
    await db.schema.alterTable("inbox").addColumn("lease_count", "integer", (c) => c.notNull().defaultTo(0)).execute();
    // Retention asks "does any inbox row still hold this message?"; the cascade from messages uses it too.
    await db.schema.createIndex("inbox_message_idx").on("inbox").column("message_id").execute();

    await db.schema
      .createTable("message_receipts")
      .addColumn("agent_id", "text", (c) => c.notNull())
      .addColumn("message_id", "text", (c) => c.notNull().references("messages.id").onDelete("cascade"))
      .addColumn("at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("message_receipts_pk", ["agent_id", "message_id"])
      .execute();
    // The cascade from a pruned message finds its receipts by message id.
    await db.schema.createIndex("message_receipts_message_idx").on("message_receipts").column("message_id").execute();

    await db.schema.createIndex("messages_created_idx").on("messages").column("created_at").execute();
    await db.schema.createIndex("deliveries_status_updated_idx").on("deliveries").columns(["status", "updated_at"]).execute();
    await db.schema.createIndex("dead_letters_at_idx").on("dead_letters").column("at").execute();
  },
};

/** The store's own tables: deliveries, the message journal and keyed state. */
export const infrastructureMigrations: MigrationSet = (dialect) => ({
  "0001_initial": initial(dialect),
  "0002_inbox_leases_and_retention": leasesAndRetention,
});
/* eslint-enable @typescript-eslint/no-explicit-any */
