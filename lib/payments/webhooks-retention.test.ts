// Webhook retention: junk for unknown gateways goes after a week, processed requests after about
// 13 months; failed and unprocessed ones stay for the retry job, whatever their age.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withSystem } from "@/lib/db";
import { makeTenant } from "@/lib/testing/factories";
import { saveGateway } from "./gateways-admin";
import { pruneWebhookRequests } from "./webhooks";

describe("webhook retention", () => {
  it("deletes what is past retention and nothing else", async () => {
    const t = await makeTenant();
    const gateway = await saveGateway(t.owner, { kind: "GENERIC", name: "Other", mode: "SANDBOX", secrets: { sharedSecret: "s".repeat(40) } });
    const day = 86_400_000;
    const now = new Date();
    const marker = randomUUID();
    const rows = [
      { gatewayId: null, tenantId: null, age: 8, outcome: "REJECTED", gone: true },
      { gatewayId: null, tenantId: null, age: 6, outcome: "REJECTED", gone: false },
      { gatewayId: gateway.id, tenantId: t.tenantId, age: 401, outcome: "ACCEPTED", gone: true },
      { gatewayId: gateway.id, tenantId: t.tenantId, age: 399, outcome: "DUPLICATE", gone: false },
      { gatewayId: gateway.id, tenantId: t.tenantId, age: 500, outcome: "FAILED", gone: false },
    ] as const;
    const ids = await withSystem("test: old webhook rows", async (tx) =>
      Promise.all(
        rows.map((r) =>
          tx.webhookRequest.create({
            data: { gatewayId: r.gatewayId, tenantId: r.tenantId, gatewayKind: "GENERIC", method: "POST", path: `/x/${marker}`, headers: {}, body: new Uint8Array(), outcome: r.outcome, receivedAt: new Date(now.getTime() - r.age * day) },
            select: { id: true },
          }),
        ),
      ),
    );
    await pruneWebhookRequests(now, 2);
    const left = await withSystem("test: what is left", (tx) => tx.webhookRequest.findMany({ where: { id: { in: ids.map((i) => i.id) } }, select: { id: true } }));
    const kept = new Set(left.map((l) => l.id));
    expect(rows.map((r, i) => !kept.has(ids[i]!.id))).toEqual(rows.map((r) => r.gone));
  });
});
