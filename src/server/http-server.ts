import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../ports/logger.js";
import { BodyTooLargeError, readBody } from "./read-body.js";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export interface HttpServerOptions {
  webhookPath: string;
  maxBodyBytes: number;
  /** Probot's webhook middleware: verifies the signature and runs the ingress handler. */
  webhooks: NodeHandler;
  /** Extra routes (healthz, dashboard); each returns true when it answered. */
  routes: NodeHandler[];
  logger: Logger;
}

/**
 * The app's HTTP server. It sits in front of Probot's middleware so it can refuse oversized bodies
 * before they are buffered and answer 503 while shutting down.
 */
export function createHttpServer(options: HttpServerOptions) {
  let draining = false;
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error instanceof Error ? error.message : String(error) }, "request failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("internal error");
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0];
    if (path === options.webhookPath && req.method === "POST") {
      if (draining) {
        res.writeHead(503, { "content-type": "text/plain", "retry-after": "30" }).end("shutting down");
        return;
      }
      try {
        const body = await readBody(req, options.maxBodyBytes);
        // @octokit/webhooks uses a string body as the raw payload, so the signature is checked over these bytes.
        (req as IncomingMessage & { body?: string }).body = body.toString("utf8");
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          // Drain without buffering so the client reads the answer instead of a reset connection.
          res.writeHead(413, { "content-type": "text/plain", connection: "close" }).end("payload too large");
          req.resume();
          return;
        }
        throw error;
      }
      if (await options.webhooks(req, res)) return;
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
