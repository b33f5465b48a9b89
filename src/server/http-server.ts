import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../ports/logger.js";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

/** Headers must be complete this soon after a connection starts sending a request (slow-loris). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;
/** The whole request, body included, must have arrived this soon. */
const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

export interface HttpServerOptions {
  webhookPath: string;
  /** Answers POSTs on the webhook path; absent (setup mode), they get the plain 404. */
  webhook?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Extra routes (healthz, dashboard); each returns true when it answered. */
  routes: NodeHandler[];
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  logger: Logger;
}

/**
 * The app's HTTP server: the webhook endpoint, then the routes. Requests that send their headers or
 * body too slowly are cut off, and webhooks get 503 while shutting down.
 */
export function createHttpServer(options: HttpServerOptions) {
  let draining = false;
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const server: Server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
      // Node enforces both timeouts only when it sweeps its connections (every 30 s by default),
      // which would let a slow client hold a connection for half a minute whatever the timeouts say.
      connectionsCheckingInterval: Math.min(1_000, Math.max(25, headersTimeout / 4)),
    },
    (req, res) => {
      void handle(req, res).catch((error: unknown) => {
        options.logger.error({ err: error instanceof Error ? error.message : String(error) }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (options.webhook && path === options.webhookPath && req.method === "POST") {
      if (draining) {
        res.writeHead(503, { "content-type": "text/plain", "retry-after": "30", connection: "close" }).end("shutting down");
        req.resume();
        return;
      }
      return options.webhook(req, res);
    }
    for (const route of options.routes) {
      if (await route(req, res)) return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }

  return {
    server,
    listen(port: number, host: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    /** Stop taking webhooks (503), then close once in-flight requests are answered. */
    close(): Promise<void> {
      draining = true;
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
export type HttpServer = ReturnType<typeof createHttpServer>;
