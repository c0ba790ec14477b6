// The outbox against a stand-in Inngest event API on loopback that refuses, then hangs, then
// recovers: nothing is lost, nothing is sent twice in effect, and writers never wait for it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { emitEvents } from "@/lib/jobs/outbox/emit-event";
import { relayClaimed } from "@/lib/jobs/outbox/relay";
import { makeTenant, uniq } from "@/lib/testing/factories";
import { createInngestClient } from "./client";
import { createInngestSender } from "./send-events";

type Mode = "refuse" | "hang" | "ok" | "accept-then-hang";

class FakeInngest {
  mode: Mode = "refuse";
  /** Event ids accepted, in order, duplicates included (Inngest itself drops duplicates by id). */
  received: string[] = [];
  private server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (this.mode === "refuse") return req.socket.destroy();
      const events = JSON.parse(body || "[]") as { id: string }[];
      if (this.mode === "hang") return; // accepted, never answered
      this.received.push(...events.map((e) => e.id));
      if (this.mode === "accept-then-hang") return;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
    });
  });
  url = "";
  async start() {
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    this.server.closeAllConnections();
    await new Promise((r) => this.server.close(r));
  }
}

const TIMEOUT_MS = 300;
const fake = new FakeInngest();
let send: ReturnType<typeof createInngestSender>;

beforeAll(async () => {
  await fake.start();
  send = createInngestSender(createInngestClient({ baseUrl: fake.url, eventKey: "test-key", timeoutMs: TIMEOUT_MS }), TIMEOUT_MS);
});
afterAll(() => fake.stop());

async function outbox(ids: string[]) {
  return withSystem("test: outbox rows", (tx) => tx.outboxEvent.findMany({ where: { id: { in: ids } }, orderBy: { createdAt: "asc" } }));
}

async function dueNow(ids: string[]) {
  await withSystem("test: skip backoff", (tx) => tx.outboxEvent.updateMany({ where: { id: { in: ids } }, data: { nextAttemptAt: new Date(Date.now() - 1000) } }));
}

describe("outbox delivery to Inngest", () => {
  it("survives a refusing, then hanging, then recovering server: every event delivered, none lost", async () => {
    const t = await makeTenant();
    const name = `test/outbox.${uniq()}`;
    const relay = () => relayClaimed(send, { names: [name] });

    // The request path: a write and its events in one transaction, whatever the server is doing.
    fake.mode = "hang";
    const started = performance.now();
    const ids = await withTenant(t.tenantId, (tx) => emitEvents(tx, Array.from({ length: 5 }, (_, i) => ({ name, tenantId: t.tenantId, data: { i } }))));
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS);

    fake.mode = "refuse";
    await relay();
    let rows = await outbox(ids);
    expect(rows.every((r) => r.sentAt === null && r.attempts === 1 && r.lastError)).toBe(true);

    fake.mode = "hang";
    await dueNow(ids);
    const before = performance.now();
    await relay();
    expect(performance.now() - before).toBeLessThan(TIMEOUT_MS * 2 + 1500);
    rows = await outbox(ids);
    expect(rows.every((r) => r.sentAt === null && r.attempts === 2)).toBe(true);

    fake.mode = "ok";
    await dueNow(ids);
    await relay();
    rows = await outbox(ids);
    expect(rows.every((r) => r.sentAt !== null && r.lastError === null)).toBe(true);
    expect(new Set(fake.received.filter((id) => ids.includes(id)))).toEqual(new Set(ids));
    expect(await relay()).toBe(0);
  }, 30_000);

  it("a lost answer means a resend with the same event ids (a duplicate Inngest drops)", async () => {
    const name = `test/outbox.${uniq()}`;
    const ids = await withSystem("test: emit", (tx) => emitEvents(tx, [{ name, tenantId: null, data: { x: 1 } }, { name, tenantId: null, data: { x: 2 } }]));
    fake.received = [];
    fake.mode = "accept-then-hang";
    await relayClaimed(send, { names: [name] });
    fake.mode = "ok";
    await dueNow(ids);
    await relayClaimed(send, { names: [name] });
    const mine = fake.received.filter((id) => ids.includes(id));
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(new Set(mine)).toEqual(new Set(ids));
    expect((await outbox(ids)).every((r) => r.sentAt !== null)).toBe(true);
  }, 30_000);

  it("the same logical event written twice is one outbox row", async () => {
    const name = `test/outbox.${uniq()}`;
    const key = uniq("evt");
    const [a] = await withSystem("test: emit 1", (tx) => emitEvents(tx, [{ id: key, name, tenantId: null, data: {} }]));
    const [b] = await withSystem("test: emit 2", (tx) => emitEvents(tx, [{ id: key, name, tenantId: null, data: {} }]));
    expect(a).toBe(b);
    expect(await withSystem("test: count", (tx) => tx.outboxEvent.count({ where: { name } }))).toBe(1);
  });
});
