// Our webhook route without Next, for tests: an HTTP server that hands every request to
// receiveWebhook exactly as app/api/webhooks/[gateway]/[id]/[[...rest]]/route.ts does. Tests point
// NEXTAUTH_URL at it so the callback URLs gateways are given reach it.
import { createServer, type Server } from "node:http";
import { receiveWebhook } from "../webhooks";

export interface TestWebhookServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebhookServer(): Promise<TestWebhookServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://x");
        const m = /^\/api\/webhooks\/([^/]+)\/([^/]+)/.exec(url.pathname);
        if (!m) {
          res.writeHead(404).end();
          return;
        }
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
        const answer = await receiveWebhook({ slug: m[1]!, gatewayId: m[2]!, method: req.method ?? "POST", url: `${url.pathname}${url.search}`, headers, body: Buffer.concat(chunks), sourceIp: req.socket.remoteAddress ?? null });
        if (answer.location) res.writeHead(303, { Location: answer.location }).end();
        else res.writeHead(answer.status, { "Content-Type": "application/json" }).end(JSON.stringify(answer.body));
      })().catch((e: unknown) => {
        console.error("[test webhook server]", e);
        res.writeHead(500).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
