import { createHmac } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { WEBHOOK_SECRET } from "./test-probot.js";

export interface FakeSmee {
  /** What smee-client's createChannel asks (HEAD), answered with a `location` of a channel here. */
  newChannelUrl: string;
  channelUrl: string;
  /** How many clients stream the channel now. */
  clients(): number;
  /**
   * Streams one webhook to every connected client as smee.io relays what GitHub posted: GitHub's
   * headers (signed with the test secret) and the parsed body, in one server-sent event.
   */
  deliver(event: string, payload: unknown, id: string): void;
  close(): Promise<void>;
}

/** A smee.io stand-in on loopback: channel creation and the server-sent-events stream. */
export async function startFakeSmee(): Promise<FakeSmee> {
  const streams: ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.method === "HEAD" && req.url === "/new") {
      res.writeHead(307, { location: `${base}/channel-test` }).end();
    } else if (req.method === "GET" && req.url === "/channel-test") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write("event: ready\ndata: {}\n\n");
      streams.push(res);
      res.once("close", () => streams.splice(streams.indexOf(res), 1));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    newChannelUrl: `${base}/new`,
    channelUrl: `${base}/channel-test`,
    clients: () => streams.length,
    deliver(event, payload, id) {
      // smee-client posts JSON.stringify(body), so the signature is computed over the same bytes.
      const signature = createHmac("sha256", WEBHOOK_SECRET).update(JSON.stringify(payload)).digest("hex");
      const headers = { "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": `sha256=${signature}` };
      const data = JSON.stringify({ ...headers, body: payload, query: {}, timestamp: Date.now() });
      for (const stream of streams) stream.write(`data: ${data}\n\n`);
    },
    close: () =>
      new Promise((resolve) => {
        for (const stream of [...streams]) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
