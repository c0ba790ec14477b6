// The database wall: row-level security confines the app role to the tenant of the transaction.
import { describe, expect, it } from "vitest";
import { prisma, tenantClient, withSystem, withTenant } from "@/lib/db";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";

describe("row-level security", () => {
  it("a tenant transaction with no where-clause sees only its own rows", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await makeCustomer(a.owner);
    await makeCustomer(a.owner);
    await makeCustomer(b.owner);

    const seenByA = await withTenant(a.tenantId, (tx) => tx.customer.findMany());
    expect(seenByA.length).toBe(2);
    expect(seenByA.every((c) => c.tenantId === a.tenantId)).toBe(true);

    const tenantsSeenByB = await withTenant(b.tenantId, (tx) => tx.tenant.findMany());
    expect(tenantsSeenByB.map((t) => t.id)).toEqual([b.tenantId]);
  });

  it("the tenant client confines single operations too", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const cb = await makeCustomer(b.owner);
    const client = tenantClient(a.tenantId);
    expect(await client.customer.findUnique({ where: { id: cb.id } })).toBeNull();
    expect((await client.operator.findMany()).every((o) => o.tenantId === a.tenantId)).toBe(true);
  });

  it("outside any tenant scope the app role sees nothing", async () => {
    const a = await makeTenant();
    await makeCustomer(a.owner);
    expect(await prisma().customer.count()).toBe(0);
    expect(await prisma().tenant.count()).toBe(0);
  });

  it("refuses to write a row into another tenant", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    await expect(
      withTenant(a.tenantId, (tx) =>
        tx.customer.create({ data: { tenantId: b.tenantId, username: "intruder", passwordHash: "x", name: "Intruder" } }),
      ),
    ).rejects.toThrow(/row-level security/);
    const bCount = await withTenant(b.tenantId, (tx) => tx.customer.count({ where: { username: "intruder" } }));
    expect(bCount).toBe(0);
  });

  it("cannot move another tenant's row even by id", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const cb = await makeCustomer(b.owner);
    const updated = await withTenant(a.tenantId, (tx) => tx.customer.updateMany({ where: { id: cb.id }, data: { name: "Hijacked" } }));
    expect(updated.count).toBe(0);
  });

  it("the system scope sees across tenants, and only inside withSystem", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const ids = await withSystem("test: cross-tenant read", (tx) =>
      tx.tenant.findMany({ where: { id: { in: [a.tenantId, b.tenantId] } }, select: { id: true } }),
    );
    expect(ids.length).toBe(2);
    // The role switch is transaction-local: the pooled connection is back to isp_app afterwards.
    expect(await prisma().tenant.count()).toBe(0);
  });

  it("rejects a malformed tenant id before it reaches PostgreSQL", async () => {
    await expect(withTenant("not-a-uuid", async () => 1)).rejects.toThrow(/invalid tenant id/);
  });
});

describe("the audit log through the app's own doors", () => {
  it("neither withTenant nor withSystem can rewrite or remove an entry", async () => {
    const a = await makeTenant();
    const entry = await withTenant(a.tenantId, (tx) => tx.auditLog.findFirstOrThrow({ where: { action: "tenant.create" } }));
    await expect(withTenant(a.tenantId, (tx) => tx.auditLog.updateMany({ where: { id: entry.id }, data: { action: "forged" } }))).rejects.toThrow(/permission denied/);
    await expect(withSystem("test: rewrite history", (tx) => tx.auditLog.updateMany({ where: { id: entry.id }, data: { action: "forged" } }))).rejects.toThrow(/permission denied/);
    await expect(withSystem("test: erase history", (tx) => tx.auditLog.deleteMany({ where: { id: entry.id } }))).rejects.toThrow(/permission denied/);
    expect((await withTenant(a.tenantId, (tx) => tx.auditLog.findUniqueOrThrow({ where: { id: entry.id } }))).action).toBe(entry.action);
  });
});
