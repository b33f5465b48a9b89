import type { Selectable } from "kysely";
import type { DeliveryRecord, StoredMessage } from "../../ports/store.js";
import type { DeliveriesTable, MessagesTable } from "./schema.js";

export function toDeliveryRecord(row: Selectable<DeliveriesTable>): DeliveryRecord {
  return {
    id: row.id,
    event: row.event,
    action: row.action,
    payload: row.payload,
    status: row.status,
    // PostgreSQL drivers may hand integers back as strings; the port promises numbers.
    attempts: Number(row.attempts),
    lastError: row.last_error,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
  };
}

export function toStoredMessage(row: Pick<Selectable<MessagesTable>, "id" | "conversation_id" | "body" | "created_at">): StoredMessage {
  return { id: row.id, conversationId: row.conversation_id, body: row.body, createdAt: row.created_at };
}
