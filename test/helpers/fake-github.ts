import { createServer, type IncomingMessage, type Server } from "node:http";

export interface RecordedRequest {
  method: string;
  path: string;
  body: any;
}

/** An answer, undefined for 404, or "hang": the request is held open, never answered, until the fake closes. */
type Responder = (req: RecordedRequest) => { status: number; body?: unknown } | "hang" | undefined;

/**
 * A small GitHub REST stand-in on loopback for tests that run the real server in another process
 * (nock cannot reach into a child process). Paths are GHE-style: /api/v3/…
 */
export async function startFakeGitHub(respond: Responder): Promise<{ url: string; host: string; requests: RecordedRequest[]; close(): Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const recorded = { method: req.method ?? "GET", path: req.url ?? "/", body };
      requests.push(recorded);
      const answer = respond(recorded) ?? { status: 404, body: { message: "Not Found" } };
      if (answer === "hang") return;
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Held ("hang") requests would keep the server open for ever.
        server.closeAllConnections();
      }),
  };
}

/** A request's body: its JSON, its text when it is not JSON, undefined when empty. */
export async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}
