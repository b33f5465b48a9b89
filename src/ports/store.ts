/**
 * The durable store. One implementation (Kysely) serves SQLite and PostgreSQL; every method is
 * atomic on its own, so concurrent callers (and, in distributed mode, replicas) never race.
 * Timestamps are ISO-8601 strings in UTC; JSON columns are strings the caller serialises.
 */

export type DeliveryStatus = "queued" | "processing" | "done" | "failed";

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  updatedAt: string;
}

export interface NewDelivery {
  id: string;
  event: string;
  action: string | null;
  payload: string;
  receivedAt: string;
}

/** inserted: first time seen; requeued: seen before but failed, so it runs again; duplicate: nothing to do. */
export type RecordDeliveryOutcome = "inserted" | "requeued" | "duplicate";

export interface DeliveryStore {
  recordDelivery(delivery: NewDelivery): Promise<RecordDeliveryOutcome>;
  /** queued → processing and attempts + 1; undefined when the delivery is not queued (someone else has it). */
  claimDelivery(id: string, at: string): Promise<DeliveryRecord | undefined>;
  completeDelivery(id: string, at: string): Promise<void>;
  /** final: the delivery becomes failed; otherwise it goes back to queued for another attempt. */
  failDelivery(id: string, error: string, at: string, final: boolean): Promise<void>;
  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  /** Deliveries in these states, oldest first (restart recovery). */
  listDeliveries(statuses: DeliveryStatus[]): Promise<DeliveryRecord[]>;
  countDeliveries(): Promise<Record<DeliveryStatus, number>>;
}

/** Bus persistence: one row per message, one inbox row per (recipient, message). */
export interface StoredMessage {
  id: string;
  conversationId: string;
  /** The whole AgentMessage as JSON. */
  body: string;
  createdAt: string;
}

export interface InboxEntry {
  agentId: string;
  /** 0 = critical … 3 = low; lower is served first. */
  priorityRank: number;
}

export interface MessageStore {
  /** Stores the message and its inbox rows in one transaction. */
  appendMessage(message: StoredMessage, inbox: InboxEntry[]): Promise<void>;
  /** Removes and returns the agent's next message: lowest priority rank first, FIFO within a rank. */
  takeNextMessage(agentId: string): Promise<StoredMessage | undefined>;
  /** Inbox depth per agent (all agents when omitted). */
  countInbox(agentId?: string): Promise<number>;
  /** Agents with anything waiting, for draining after a restart. */
  listInboxAgents(): Promise<string[]>;
  getMessage(id: string): Promise<StoredMessage | undefined>;
  /** Every message of the conversation in the order it was appended. */
  listConversation(conversationId: string): Promise<StoredMessage[]>;
  addDeadLetter(entry: { messageId: string; body: string; reason: string; at: string }): Promise<void>;
  listDeadLetters(): Promise<{ messageId: string; body: string; reason: string; at: string }[]>;
}

/** Small keyed state: sticky comment ids, PR head SHAs, pause flags, rate-limit stamps. */
export interface KeyValueStore {
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, at: string): Promise<void>;
  deleteValue(key: string): Promise<void>;
  /**
   * Writes `value` only when the current value equals `expected` (undefined: the key is absent),
   * atomically. Returns true when it wrote. Callers retry on false (compare-and-set).
   */
  compareAndSet(key: string, expected: string | undefined, value: string, at: string): Promise<boolean>;
}

/** One stored tech-debt scan of a repository's default branch (trends). */
export interface DebtScanRecord {
  id?: number;
  repo: string;
  sha: string;
  scannedAt: string;
  /** JSON: { totalItems, remediationMinutes, loc, ratio, rating, byCategory, bySeverity } */
  summary: string;
}

export interface DebtScanStore {
  addDebtScan(scan: DebtScanRecord): Promise<void>;
  /** The newest `limit` scans of the repository, oldest first. */
  listDebtScans(repo: string, limit: number): Promise<DebtScanRecord[]>;
}

export interface Store extends DeliveryStore, MessageStore, KeyValueStore, DebtScanStore {
  /** Which engine, for /healthz and logs. */
  readonly dialect: "sqlite" | "postgres";
  close(): Promise<void>;
}
