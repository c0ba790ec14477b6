import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makePackage, makeTenant, uniq } from "@/lib/testing/factories";
import { enforceDataCaps } from "./enforce-data-caps";
import { CUSTOMER_NETWORK_CHANGED } from "./events";
import { fupGroup } from "./groups";
import { rollupUsage } from "./rollup-usage";
import { updateCustomer } from "@/lib/customers/update-customer";

async function session(tenantId: string, username: string, bytesIn: bigint, bytesOut: bigint, id = uniq("u")) {
  await withTenant(tenantId, (tx) =>
    tx.radAcct.upsert({
      where: { acctuniqueid: id },
      create: { tenantId, acctsessionid: id, acctuniqueid: id, username, nasipaddress: "127.0.0.1", acctstarttime: new Date(), acctupdatetime: new Date(), acctinputoctets: bytesIn, acctoutputoctets: bytesOut },
      update: { acctinputoctets: bytesIn, acctoutputoctets: bytesOut, acctupdatetime: new Date() },
    }),
  );
  return id;
}

describe("usage rollups and data caps", () => {
  it("adds only what changed since the last run, however often it runs", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner, { username: uniq("use") });
    const s = await session(t.tenantId, c.username, 1000n, 5000n);
    await rollupUsage(t.tenantId);
    await session(t.tenantId, c.username, 1500n, 9000n, s); // an interim update overwrote the counters
    await rollupUsage(t.tenantId);
    await rollupUsage(t.tenantId);
    await session(t.tenantId, c.username, 10n, 20n); // a second session
    await rollupUsage(t.tenantId);
    const rows = await withTenant(t.tenantId, (tx) => tx.usageDaily.findMany({ where: { username: c.username } }));
    expect(rows).toHaveLength(1);
    expect([rows[0]!.bytesIn, rows[0]!.bytesOut]).toEqual([1510n, 9020n]);
  });

  it("at the cap the customer moves to the fair-use group, its session is cut, once", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { dataCapGb: "1", dataCapAction: "THROTTLE", fupDown: "1M", fupUp: "512k" });
    const c = await makeCustomer(t.owner, { username: uniq("cap"), packageId: pkg.id, expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    await session(t.tenantId, c.username, 100_000_000n, 800_000_000n);
    await rollupUsage(t.tenantId);
    expect(await enforceDataCaps(t.tenantId)).toEqual([]);
    await session(t.tenantId, c.username, 100_000_000n, 950_000_000n);
    await rollupUsage(t.tenantId);
    expect(await enforceDataCaps(t.tenantId)).toEqual([c.id]);
    expect(await enforceDataCaps(t.tenantId)).toEqual([]);
    const group = await withTenant(t.tenantId, (tx) => tx.radUserGroup.findFirst({ where: { username: c.username } }));
    expect(group?.groupname).toBe(fupGroup(pkg.id));
    const fup = await withTenant(t.tenantId, (tx) => tx.radGroupReply.findFirst({ where: { groupname: fupGroup(pkg.id), attribute: "Mikrotik-Rate-Limit" } }));
    expect(fup?.value).toBe("512k/1M");
    expect(await withTenant(t.tenantId, (tx) => tx.outboxEvent.count({ where: { name: CUSTOMER_NETWORK_CHANGED } }))).toBe(1);
  });

  it("a renewal starts the allowance at its instant: traffic earlier that day does not count again after a rollup", async () => {
    const t = await makeTenant();
    const pkg = await makePackage(t.owner, { dataCapGb: "1", dataCapAction: "THROTTLE", fupDown: "1M", fupUp: "512k", validityValue: 30, validityUnit: "DAY" });
    const c = await makeCustomer(t.owner, { username: uniq("ren"), packageId: pkg.id, expiresAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    await session(t.tenantId, c.username, 100_000_000n, 950_000_000n);
    await rollupUsage(t.tenantId);
    expect(await enforceDataCaps(t.tenantId)).toEqual([c.id]);
    // Renewed now: a new 30-day period that starts this instant, the same day as the traffic above.
    const renewedUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await updateCustomer(t.owner, { id: c.id, name: c.name, status: "ACTIVE", connectionType: "PPPOE", packageId: pkg.id, expiresAt: renewedUntil });
    await session(t.tenantId, c.username, 1_000n, 2_000n);
    await rollupUsage(t.tenantId);
    expect(await enforceDataCaps(t.tenantId)).toEqual([]);
    const after = await withTenant(t.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: c.id } }));
    expect(after.dataCapReachedAt).toBeNull();
    // The new period's own traffic still counts: a gigabyte after the renewal caps it again.
    await session(t.tenantId, c.username, 500_000_000n, 600_000_000n);
    await rollupUsage(t.tenantId);
    expect(await enforceDataCaps(t.tenantId)).toEqual([c.id]);
  });
});
