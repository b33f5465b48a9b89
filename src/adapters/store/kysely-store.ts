import { sql, type Kysely } from "kysely";
import {
  DEFAULT_PRUNE_BATCH_SIZE,
  type DeliveryRecord,
  type DeliveryStatus,
  type InboxEntry,
  type LeasedMessage,
  type MessageLease,
  type NewDelivery,
  type PruneResult,
  type RecordDeliveryOutcome,
  type Store,
  type StoredMessage,
} from "../../ports/store.js";
import { toDeliveryRecord, toStoredMessage } from "./row-mappers.js";
import type { StoreConnection, StoreDialect, StoreSchema } from "./schema.js";

const ALL_STATUSES: readonly DeliveryStatus[] = ["queued", "processing", "done", "failed"];
const MESSAGE_COLUMNS = ["id", "conversation_id", "body", "created_at"] as const;
const HEALTH_PROBE_KEY = "health:last-write-probe";

/**
 * The one Store implementation for both engines. Every method is a single conditional statement or
 * one transaction whose first statement writes, so it is atomic on PostgreSQL (row locks) and on
 * SQLite (the write lock is taken up front, never upgraded from a read snapshot). The retention
 * prunes are the exception by design: a loop of such statements, each complete on its own.
 */
export class KyselyStore implements Store, StoreConnection {
  private closed = false;

  constructor(
    /** Exposed for feature repositories (same connection) and engine checks; application code uses the ports. */
    readonly db: Kysely<StoreSchema>,
    readonly dialect: StoreDialect,
  ) {}

  // ---- deliveries -------------------------------------------------------------------------

  async recordDelivery(delivery: NewDelivery): Promise<RecordDeliveryOutcome> {
    // Insert-or-ignore: the unique key decides who is first, so concurrent redeliveries cannot both insert.
    const inserted = await this.db
      .insertInto("deliveries")
      .values({
        id: delivery.id,
        event: delivery.event,
        action: delivery.action,
        payload: delivery.payload,
        status: "queued",
        attempts: 0,
        last_error: null,
        received_at: delivery.receivedAt,
        updated_at: delivery.receivedAt,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return "inserted";

    // Only a failed delivery runs again; the WHERE makes concurrent redeliveries requeue it once.
    // attempts restarts so a manual redelivery gets a full retry budget; last_error is kept for history.
    const requeued = await this.db
      .updateTable("deliveries")
      .set({ status: "queued", attempts: 0, updated_at: delivery.receivedAt })
      .where("id", "=", delivery.id)
      .where("status", "=", "failed")
      .returning("id")
      .executeTakeFirst();
    return requeued ? "requeued" : "duplicate";
  }

  async claimDelivery(id: string, at: string): Promise<DeliveryRecord | undefined> {
    const row = await this.db
      .updateTable("deliveries")
      .set((eb) => ({ status: "processing", attempts: eb("attempts", "+", 1), updated_at: at }))
      .where("id", "=", id)
      .where("status", "=", "queued")
      .returningAll()
      .executeTakeFirst();
    return row ? toDeliveryRecord(row) : undefined;
  }

  async completeDelivery(id: string, at: string): Promise<void> {
    await this.db.updateTable("deliveries").set({ status: "done", updated_at: at }).where("id", "=", id).execute();
  }

  async failDelivery(id: string, error: string, at: string, final: boolean): Promise<void> {
    await this.db
      .updateTable("deliveries")
      .set({ status: final ? "failed" : "queued", last_error: error, updated_at: at })
      .where("id", "=", id)
      .execute();
  }

  async deferDelivery(id: string, reason: string, at: string): Promise<void> {
    await this.db
      .updateTable("deliveries")
      .set((eb) => ({ status: "queued", attempts: eb("attempts", "-", 1), last_error: reason, updated_at: at }))
      .where("id", "=", id)
      .where("status", "=", "processing")
      .where("attempts", ">", 0)
      .execute();
  }

  async getDelivery(id: string): Promise<DeliveryRecord | undefined> {
    const row = await this.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toDeliveryRecord(row) : undefined;
  }

  async listDeliveries(statuses: DeliveryStatus[]): Promise<DeliveryRecord[]> {
    if (statuses.length === 0) return [];
    const rows = await this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("status", "in", statuses)
      .orderBy("received_at")
      .orderBy("id")
      .execute();
    return rows.map(toDeliveryRecord);
  }

  async countDeliveries(): Promise<Record<DeliveryStatus, number>> {
    const rows = await this.db
      .selectFrom("deliveries")
      .select((eb) => ["status", eb.fn.countAll<number | string | bigint>().as("n")])
      .groupBy("status")
      .execute();
    const counts = Object.fromEntries(ALL_STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  async pruneDoneDeliveries(before: string, batchSize = DEFAULT_PRUNE_BATCH_SIZE): Promise<PruneResult> {
    return pruneInBatches(batchSize, async (limit) => {
      const batch = this.db
        .selectFrom("deliveries")
        .select("id")
        .where("status", "=", "done")
        .where("updated_at", "<", before)
        .limit(limit);
      const result = await this.db.deleteFrom("deliveries").where("id", "in", batch).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  // ---- messages -----------------------------------------------------------------------------

  async appendMessage(message: StoredMessage, inbox: InboxEntry[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      // A retried append of the same message must not enqueue it twice.
      const inserted = await trx
        .insertInto("messages")
        .values({
          id: message.id,
          conversation_id: message.conversationId,
          body: message.body,
          created_at: message.createdAt,
        })
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted || inbox.length === 0) return;
      await trx
        .insertInto("inbox")
        .values(inbox.map((e) => ({ agent_id: e.agentId, message_id: message.id, priority_rank: e.priorityRank })))
        .onConflict((oc) => oc.columns(["agent_id", "message_id"]).doNothing())
        .execute();
    });
  }

  async leaseNextMessage(agentId: string, lease: MessageLease): Promise<LeasedMessage | undefined> {
    const next = this.db
      .selectFrom("inbox")
      .select("seq")
      .where("agent_id", "=", agentId)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", lease.now)]))
      .orderBy("priority_rank")
      .orderBy("seq")
      .limit(1);
    // PostgreSQL: SKIP LOCKED lets a concurrent taker move on to the next row instead of waiting and
    // then leasing the same one again. SQLite: the UPDATE holds the write lock for the whole statement.
    const candidate = this.dialect === "postgres" ? next.forUpdate().skipLocked() : next;
    const taken = await this.db
      .updateTable("inbox")
      .set((eb) => ({ lease_owner: lease.owner, lease_until: lease.leaseUntil, lease_count: eb("lease_count", "+", 1) }))
      .where("seq", "in", candidate)
      .returning(["message_id", "lease_count"])
      .executeTakeFirst();
    if (!taken) return undefined;
    const message = await this.getMessage(taken.message_id);
    return message ? { ...message, leaseCount: Number(taken.lease_count) } : undefined;
  }

  async renewMessageLease(agentId: string, messageId: string, owner: string, leaseUntil: string): Promise<boolean> {
    const renewed = await this.db
      .updateTable("inbox")
      .set({ lease_until: leaseUntil })
      .where("agent_id", "=", agentId)
      .where("message_id", "=", messageId)
      .where("lease_owner", "=", owner)
      .returning("seq")
      .executeTakeFirst();
    return renewed !== undefined;
  }

  async ackMessage(agentId: string, messageId: string, owner: string): Promise<boolean> {
    // Only the holder acks: a taker whose lease ran out and was taken over must not remove the row
    // from under the new holder.
    const acked = await this.db
      .deleteFrom("inbox")
      .where("agent_id", "=", agentId)
      .where("message_id", "=", messageId)
      .where("lease_owner", "=", owner)
      .returning("seq")
      .executeTakeFirst();
    return acked !== undefined;
  }

  async releaseMessage(agentId: string, messageId: string, owner: string): Promise<boolean> {
    const released = await this.db
      .updateTable("inbox")
      .set({ lease_owner: null, lease_until: null })
      .where("agent_id", "=", agentId)
      .where("message_id", "=", messageId)
      .where("lease_owner", "=", owner)
      .returning("seq")
      .executeTakeFirst();
    return released !== undefined;
  }

  async releaseLeasesNotHeldBy(owner: string): Promise<number> {
    const result = await this.db
      .updateTable("inbox")
      .set({ lease_owner: null, lease_until: null })
      .where("lease_owner", "is not", null)
      .where("lease_owner", "<>", owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async recordMessageReceipt(agentId: string, messageId: string, at: string): Promise<void> {
    await this.db
      .insertInto("message_receipts")
      .values({ agent_id: agentId, message_id: messageId, at })
      .onConflict((oc) => oc.columns(["agent_id", "message_id"]).doNothing())
      .execute();
  }

  async hasMessageReceipt(agentId: string, messageId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("message_receipts")
      .select("at")
      .where("agent_id", "=", agentId)
      .where("message_id", "=", messageId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countInbox(agentId?: string): Promise<number> {
    let query = this.db.selectFrom("inbox").select((eb) => eb.fn.countAll<number | string | bigint>().as("n"));
    if (agentId !== undefined) query = query.where("agent_id", "=", agentId);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listInboxAgents(): Promise<string[]> {
    const rows = await this.db.selectFrom("inbox").select("agent_id").distinct().orderBy("agent_id").execute();
    return rows.map((r) => r.agent_id);
  }

  async getMessage(id: string): Promise<StoredMessage | undefined> {
    const row = await this.db.selectFrom("messages").select(MESSAGE_COLUMNS).where("id", "=", id).executeTakeFirst();
    return row ? toStoredMessage(row) : undefined;
  }

  async listConversation(conversationId: string): Promise<StoredMessage[]> {
    const rows = await this.db
      .selectFrom("messages")
      .select(MESSAGE_COLUMNS)
      .where("conversation_id", "=", conversationId)
      .orderBy("seq")
      .execute();
    return rows.map(toStoredMessage);
  }

  async addDeadLetter(entry: { messageId: string; body: string; reason: string; at: string }): Promise<void> {
    await this.db
      .insertInto("dead_letters")
      .values({ message_id: entry.messageId, body: entry.body, reason: entry.reason, at: entry.at })
      .execute();
  }

  async listDeadLetters(): Promise<{ messageId: string; body: string; reason: string; at: string }[]> {
    const rows = await this.db.selectFrom("dead_letters").selectAll().orderBy("id").execute();
    return rows.map((r) => ({ messageId: r.message_id, body: r.body, reason: r.reason, at: r.at }));
  }

  async pruneHandledMessages(before: string, batchSize = DEFAULT_PRUNE_BATCH_SIZE): Promise<PruneResult> {
    return pruneInBatches(batchSize, async (limit) => {
      const batch = this.db
        .selectFrom("messages as m")
        .select("m.seq")
        .where("m.created_at", "<", before)
        .where((eb) => eb.not(eb.exists(eb.selectFrom("inbox").select("inbox.seq").whereRef("inbox.message_id", "=", "m.id"))))
        .limit(limit);
      // Receipts go with their message (foreign key, on delete cascade).
      const result = await this.db.deleteFrom("messages").where("seq", "in", batch).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  async pruneDeadLetters(before: string, batchSize = DEFAULT_PRUNE_BATCH_SIZE): Promise<PruneResult> {
    return pruneInBatches(batchSize, async (limit) => {
      const batch = this.db.selectFrom("dead_letters").select("id").where("at", "<", before).limit(limit);
      const result = await this.db.deleteFrom("dead_letters").where("id", "in", batch).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  // ---- key/value ----------------------------------------------------------------------------

  async getValue(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom("kv").select("value").where("key", "=", key).executeTakeFirst();
    return row?.value;
  }

  async setValue(key: string, value: string, at: string): Promise<void> {
    await this.db
      .insertInto("kv")
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: at }))
      .execute();
  }

  async deleteValue(key: string): Promise<void> {
    await this.db.deleteFrom("kv").where("key", "=", key).execute();
  }

  async pruneValues(prefix: string, before: string, batchSize = DEFAULT_PRUNE_BATCH_SIZE): Promise<PruneResult> {
    // substr, not LIKE: SQLite's LIKE ignores case and both treat _ and % as wildcards.
    const keyStart = sql<string>`substr(key, 1, ${sql.lit(prefix.length)})`;
    return pruneInBatches(batchSize, async (limit) => {
      const batch = this.db.selectFrom("kv").select("key").where(keyStart, "=", prefix).where("updated_at", "<", before).limit(limit);
      const result = await this.db.deleteFrom("kv").where("key", "in", batch).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  async compareAndSet(key: string, expected: string | undefined, value: string, at: string): Promise<boolean> {
    // Each branch is one statement whose WHERE/unique key is the comparison, so no read-then-write window.
    const wrote =
      expected === undefined
        ? await this.db
            .insertInto("kv")
            .values({ key, value, updated_at: at })
            .onConflict((oc) => oc.column("key").doNothing())
            .returning("key")
            .executeTakeFirst()
        : await this.db
            .updateTable("kv")
            .set({ value, updated_at: at })
            .where("key", "=", key)
            .where("value", "=", expected)
            .returning("key")
            .executeTakeFirst();
    return wrote !== undefined;
  }

  // ---- health -------------------------------------------------------------------------------

  async probeWrite(at: string): Promise<void> {
    // An upsert, committed: a rolled-back write may never reach the disk, and so proves nothing.
    await this.setValue(HEALTH_PROBE_KEY, at, at);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Idempotent, so shutdown paths and test cleanups can both call it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }
}

/**
 * Runs one bounded delete after another until a batch comes back short: each statement holds its
 * locks only briefly (webhook ingress and the bus keep writing meanwhile), and the whole backlog still goes.
 */
async function pruneInBatches(batchSize: number, deleteBatch: (limit: number) => Promise<number>): Promise<PruneResult> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const removed = await deleteBatch(batchSize);
    deleted += removed;
    batches++;
    if (removed < batchSize) return { deleted, batches };
  }
}
