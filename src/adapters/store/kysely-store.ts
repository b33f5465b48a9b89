import type { Kysely } from "kysely";
import type {
  DebtScanRecord,
  DeliveryRecord,
  DeliveryStatus,
  InboxEntry,
  NewDelivery,
  RecordDeliveryOutcome,
  Store,
  StoredMessage,
} from "../../ports/store.js";
import { toDebtScanRecord, toDeliveryRecord, toStoredMessage } from "./row-mappers.js";
import type { StoreDialect, StoreSchema } from "./schema.js";

const ALL_STATUSES: readonly DeliveryStatus[] = ["queued", "processing", "done", "failed"];
const MESSAGE_COLUMNS = ["id", "conversation_id", "body", "created_at"] as const;

/**
 * The one Store implementation for both engines. Every method is a single conditional statement or
 * one transaction whose first statement writes, so it is atomic on PostgreSQL (row locks) and on
 * SQLite (the write lock is taken up front, never upgraded from a read snapshot).
 */
export class KyselyStore implements Store {
  private closed = false;

  constructor(
    /** Exposed for engine-specific checks (PRAGMAs, diagnostics); application code uses the port. */
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

  async takeNextMessage(agentId: string): Promise<StoredMessage | undefined> {
    const next = this.db
      .selectFrom("inbox")
      .select("seq")
      .where("agent_id", "=", agentId)
      .orderBy("priority_rank")
      .orderBy("seq")
      .limit(1);
    // PostgreSQL: SKIP LOCKED lets a concurrent taker move on to the next row instead of waiting and
    // then finding its row gone. SQLite: the DELETE holds the write lock for the whole statement.
    const candidate = this.dialect === "postgres" ? next.forUpdate().skipLocked() : next;
    const taken = await this.db
      .deleteFrom("inbox")
      .where("seq", "in", candidate)
      .returning("message_id")
      .executeTakeFirst();
    if (!taken) return undefined;
    return this.getMessage(taken.message_id);
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

  // ---- debt scans ---------------------------------------------------------------------------

  async addDebtScan(scan: DebtScanRecord): Promise<void> {
    // The id is always assigned by the database; a caller-supplied one is ignored.
    await this.db
      .insertInto("debt_scans")
      .values({ repo: scan.repo, sha: scan.sha, scanned_at: scan.scannedAt, summary: scan.summary })
      .execute();
  }

  async listDebtScans(repo: string, limit: number): Promise<DebtScanRecord[]> {
    if (limit <= 0) return [];
    const rows = await this.db
      .selectFrom("debt_scans")
      .selectAll()
      .where("repo", "=", repo)
      .orderBy("scanned_at", "desc")
      .orderBy("id", "desc")
      .limit(Math.floor(limit))
      .execute();
    return rows.reverse().map(toDebtScanRecord);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Idempotent, so shutdown paths and test cleanups can both call it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.destroy();
  }
}
