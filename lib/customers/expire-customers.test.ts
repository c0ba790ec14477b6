import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makePackage, makeTenant, uniq } from "@/lib/testing/factories";
import { CUSTOMER_NETWORK_CHANGED } from "@/lib/radius/events";
import { expireCustomers } from "./expire-customers";

describe("expiry", () => {
  it("expires every overdue customer at once after downtime, with its audit entry and a disconnect, exactly once", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const later = new Date(Date.now() + 3600_000).toISOString();
    const a = await makeCustomer(t.owner, { username: uniq("x"), packageId: pkg.id, expiresAt: hourAgo });
    const b = await makeCustomer(t.owner, { username: uniq("x"), packageId: pkg.id, expiresAt: weekAgo });
    const c = await makeCustomer(t.owner, { username: uniq("x"), packageId: pkg.id, expiresAt: later });

    expect(await expireCustomers()).toBeGreaterThanOrEqual(2);
    const rows = await withTenant(t.tenantId, (tx) => tx.customer.findMany({ where: { id: { in: [a.id, b.id, c.id] } } }));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [a.id]: "EXPIRED", [b.id]: "EXPIRED", [c.id]: "ACTIVE" });
    const events = await withTenant(t.tenantId, (tx) => tx.outboxEvent.findMany({ where: { name: CUSTOMER_NETWORK_CHANGED } }));
    expect(events.map((e) => (e.data as { customerId: string }).customerId).sort()).toEqual([a.id, b.id].sort());
    expect(await withTenant(t.tenantId, (tx) => tx.auditLog.count({ where: { action: "customer.status.expired", actorKind: "SYSTEM" } }))).toBe(2);

    await expireCustomers();
    expect(await withTenant(t.tenantId, (tx) => tx.outboxEvent.count({ where: { name: CUSTOMER_NETWORK_CHANGED } }))).toBe(2);
  });
});
