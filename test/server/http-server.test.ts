import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ports/logger.js";
import { createHttpServer } from "../../src/server/http-server.js";
import { waitFor } from "../helpers/wait-for.js";

const WEBHOOK = "POST /hook HTTP/1.1\r\nHost: concord\r\nContent-Length: 2\r\n\r\n{}";

describe("createHttpServer", () => {
  it("while closing, a webhook already being handled is answered and the next one gets 503 with retry-after", async () => {
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const http = createHttpServer({
      webhookPath: "/hook",
      webhook: async (req, res) => {
        req.resume();
        started();
        await held;
        res.writeHead(200).end("inserted\n");
      },
      routes: [],
      logger: silentLogger,
    });
    const port = await http.listen(0, "127.0.0.1");
    const socket = connect(port, "127.0.0.1");
    let answers = "";
    socket.on("data", (chunk: Buffer) => (answers += chunk.toString()));

    socket.write(WEBHOOK);
    await inFlight;
    const closed = http.close();
    // A second delivery on the same connection, read once the first is answered.
    socket.write(WEBHOOK);
    release();
    await closed;
    await waitFor(() => (answers.includes("shutting down") ? true : undefined), 3_000);
    socket.destroy();

    expect(answers).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*inserted[\s\S]*HTTP\/1\.1 503 Service Unavailable[\s\S]*retry-after: 30/);
  });

  it("without a webhook endpoint (setup mode) a POST to the webhook path is a plain 404", async () => {
    const http = createHttpServer({ webhookPath: "/hook", routes: [], logger: silentLogger });
    const port = await http.listen(0, "127.0.0.1");

    const response = await fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", body: "{}" });

    expect(response.status).toBe(404);
    await http.close();
  });
});
