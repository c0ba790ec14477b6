// Retention: closed sessions past the window go once their usage is rolled up (usage_daily keeps
// the history); the auth log after 30 days. Batches run until nothing is due.
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { makeCustomer, makeTenant, uniq } from "@/lib/testing/factories";
import { pruneAuthLog, pruneClosedSessions, radacctRetentionDays } from "./prune-accounting";
import { rollupUsage } from "./rollup-usage";

const DAY = 86_400_000;
const daysAgo = (d: number) => new Date(Date.now() - d * DAY);

type SessionData = { startDaysAgo: number; stopDaysAgo: number | null; bytes?: bigint; seen?: bigint | null };

async function session(tenantId: string, username: string | null, s: SessionData) {
  const id = uniq("u");
  await withTenant(tenantId, async (tx) => {
    await tx.radAcct.create({
      data: {
        tenantId,
        acctsessionid: id,
        acctuniqueid: id,
        username,
        nasipaddress: "127.0.0.1",
        acctstarttime: daysAgo(s.startDaysAgo),
        acctupdatetime: s.stopDaysAgo === null ? new Date() : daysAgo(s.stopDaysAgo),
        acctstoptime: s.stopDaysAgo === null ? null : daysAgo(s.stopDaysAgo),
        acctsessiontime: 600n,
        acctinputoctets: s.bytes ?? 0n,
        acctoutputoctets: s.bytes ?? 0n,
      },
    });
    // What the usage job saw of it back then (its counters at the last run).
    if (s.seen !== null && s.seen !== undefined) {
      await tx.usageSeen.create({ data: { acctuniqueid: id, tenantId, bytesIn: s.seen, bytesOut: s.seen, seconds: 600n, closed: s.seen === (s.bytes ?? 0n) } });
    }
  });
  return id;
}

const remaining = (tenantId: string, ids: string[]) =>
  withTenant(tenantId, async (tx) => (await tx.radAcct.findMany({ where: { acctuniqueid: { in: ids } }, select: { acctuniqueid: true } })).map((r) => r.acctuniqueid).sort());

describe("accounting retention", () => {
  it("deletes closed sessions older than the window whose usage is rolled up, with their usage_seen rows; keeps the rest", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner);
    const old = await session(t.tenantId, c.username, { startDaysAgo: 200, stopDaysAgo: 199, bytes: 5000n, seen: 5000n });
    const oldUnseenTail = await session(t.tenantId, c.username, { startDaysAgo: 200, stopDaysAgo: 199, bytes: 5000n, seen: 4000n });
    const recent = await session(t.tenantId, c.username, { startDaysAgo: 100, stopDaysAgo: 99, bytes: 5000n, seen: 5000n });
    const longOpen = await session(t.tenantId, c.username, { startDaysAgo: 200, stopDaysAgo: null, bytes: 5000n, seen: 5000n });
    const rejected = await session(t.tenantId, null, { startDaysAgo: 300, stopDaysAgo: 300 });
    const ids = [old, oldUnseenTail, recent, longOpen, rejected];

    expect(await pruneClosedSessions(t.tenantId)).toBe(2);
    expect(await remaining(t.tenantId, ids)).toEqual([oldUnseenTail, recent, longOpen].sort());
    expect(await withTenant(t.tenantId, (tx) => tx.usageSeen.count({ where: { acctuniqueid: old } }))).toBe(0);
    expect(await withTenant(t.tenantId, (tx) => tx.usageSeen.count({ where: { acctuniqueid: recent } }))).toBe(1);

    // A shorter window (RADACCT_RETENTION_DAYS=90) reaches the 100-day-old session too.
    expect(await pruneClosedSessions(t.tenantId, { retentionDays: radacctRetentionDays({ RADACCT_RETENTION_DAYS: "90" }) })).toBe(1);
    expect(await remaining(t.tenantId, ids)).toEqual([oldUnseenTail, longOpen].sort());
    expect(await pruneClosedSessions(t.tenantId)).toBe(0);
  });

  it("a session rolled up by the usage job goes once it is past the window, in batches", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await session(t.tenantId, c.username, { startDaysAgo: 1, stopDaysAgo: 0, bytes: 1000n + BigInt(i) }));
    const notRolledUp = await pruneClosedSessions(t.tenantId, { now: new Date(Date.now() + 200 * DAY) });
    expect(notRolledUp).toBe(0); // the usage job has not counted them yet
    await rollupUsage(t.tenantId);
    expect(await pruneClosedSessions(t.tenantId, { now: new Date(Date.now() + 200 * DAY), batchSize: 2 })).toBe(5);
    expect(await remaining(t.tenantId, ids)).toEqual([]);
    const usage = await withTenant(t.tenantId, (tx) => tx.usageDaily.aggregate({ where: { username: c.username }, _sum: { bytesIn: true } }));
    expect(usage._sum.bytesIn).toBe(5010n); // the history stays in usage_daily
  });

  it("the window is 180 days unless RADACCT_RETENTION_DAYS says otherwise", () => {
    expect(radacctRetentionDays({})).toBe(180);
    expect(radacctRetentionDays({ RADACCT_RETENTION_DAYS: "365" })).toBe(365);
    expect(radacctRetentionDays({ RADACCT_RETENTION_DAYS: "soon" })).toBe(180);
    expect(radacctRetentionDays({ RADACCT_RETENTION_DAYS: "0" })).toBe(180);
  });

  it("deletes auth-log rows older than 30 days, oldest first, in batches", async () => {
    const t = await makeTenant();
    // Ids below every real row: this test's rows are the oldest in the table, as old rows are.
    const base = -1_000_000_000 - Math.floor(Math.random() * 1_000_000_000);
    const make = (offset: number, days: number) => ({ id: BigInt(base + offset), tenantId: t.tenantId, username: uniq("auth"), reply: "Access-Accept", authdate: daysAgo(days) });
    await withTenant(t.tenantId, (tx) => tx.radPostAuth.createMany({ data: [make(0, 45), make(1, 40), make(2, 35), make(3, 31), make(4, 29), make(5, 1)] }));
    expect(await pruneAuthLog({ batchSize: 2 })).toBeGreaterThanOrEqual(4);
    const left = await withSystem("test: auth log", (tx) => tx.radPostAuth.findMany({ where: { tenantId: t.tenantId }, orderBy: { id: "asc" } }));
    expect(left.map((r) => Number(r.id) - base)).toEqual([4, 5]);
  });
});
