/** One attempt GitHub made to deliver an event to the app's webhook (GET /app/hook/deliveries). */
export interface HookDeliveryAttempt {
  /** The attempt's own id: a redelivery names it. */
  id: number;
  /** X-GitHub-Delivery: every attempt at one event, redeliveries included, shares it. */
  guid: string;
  deliveredAt: string;
  /** "OK" when the app answered 2xx; otherwise GitHub's words for what went wrong. */
  status: string;
  /** The app's HTTP answer (0 when there was none). */
  statusCode: number;
  event: string;
}

/** The app's webhook delivery log on GitHub, read and acted on with the app's own credentials. */
export interface HookDeliveries {
  /** Attempts newest first, one page at a time; the caller stops reading when it has seen enough. */
  pages(): AsyncIterable<HookDeliveryAttempt[]>;
  /** Asks GitHub to deliver that attempt's event again, with the same guid. */
  redeliver(attemptId: number): Promise<void>;
}
