// Sessions the router stopped reporting (it rebooted without a Stop) are closed at their last
// update after three missed interim updates, so "online" stays honest and the login is free again.
import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { makeCustomer, makeTenant, uniq } from "@/lib/testing/factories";
import { closeStaleSessions, tenantsWithOpenSessions } from "./close-stale-sessions";
import { updateRadiusSettings } from "./update-radius-settings";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function session(tenantId: string, username: string, data: { start: Date; update?: Date | null; stop?: Date | null; seconds?: bigint; cause?: string }) {
  const id = uniq("u");
  await withTenant(tenantId, (tx) =>
    tx.radAcct.create({
      data: {
        tenantId,
        acctsessionid: id,
        acctuniqueid: id,
        username,
        nasipaddress: "127.0.0.1",
        acctstarttime: data.start,
        acctupdatetime: data.update ?? null,
        acctstoptime: data.stop ?? null,
        acctsessiontime: data.seconds ?? null,
        acctterminatecause: data.cause ?? null,
      },
    }),
  );
  return id;
}

const row = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.radAcct.findUniqueOrThrow({ where: { acctuniqueid: id } }));

describe("stale sessions", () => {
  it("closes open sessions silent for more than 3 interim intervals (5 min by default) at their last update, cause Stale-Session", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner);
    const silent = await session(t.tenantId, c.username, { start: minutesAgo(120), update: minutesAgo(20), seconds: 6000n });
    const neverUpdated = await session(t.tenantId, c.username, { start: minutesAgo(16) });
    const alive = await session(t.tenantId, c.username, { start: minutesAgo(120), update: minutesAgo(14) });
    const ended = await session(t.tenantId, c.username, { start: minutesAgo(300), update: minutesAgo(200), stop: minutesAgo(200), cause: "User-Request" });
    expect(await tenantsWithOpenSessions()).toContain(t.tenantId);

    expect(await closeStaleSessions(t.tenantId)).toBe(2);
    const s = await row(t.tenantId, silent);
    expect(s.acctstoptime).toEqual(s.acctupdatetime);
    expect(s.acctterminatecause).toBe("Stale-Session");
    expect(s.acctsessiontime).toBe(6000n);
    const n = await row(t.tenantId, neverUpdated);
    expect(n.acctstoptime).toEqual(n.acctstarttime);
    expect(n.acctsessiontime).toBe(0n);
    expect((await row(t.tenantId, alive)).acctstoptime).toBeNull();
    expect(await row(t.tenantId, ended)).toMatchObject({ acctterminatecause: "User-Request" });
    // The one-login check FreeRADIUS runs counts open sessions: the silent ones no longer block.
    const [open] = await withTenant(t.tenantId, (tx) => tx.$queryRaw<{ n: bigint }[]>`SELECT radius_open_sessions(${t.tenantId}::uuid, ${c.username}) AS n`);
    expect(open!.n).toBe(1n);
    expect(await closeStaleSessions(t.tenantId)).toBe(0);
  });

  it("a session closed as stale comes back when its router reports it again, and ends properly at its Stop", async () => {
    const t = await makeTenant();
    const c = await makeCustomer(t.owner);
    const id = await session(t.tenantId, c.username, { start: minutesAgo(120), update: minutesAgo(30), seconds: 5400n });
    expect(await closeStaleSessions(t.tenantId)).toBe(1);
    const update = (stop: boolean) =>
      withSystem("test: FreeRADIUS accounting call", (tx) =>
        tx.$queryRaw`SELECT radius_acct_update(${t.tenantId}::uuid, ${id}, ${id}, ${c.username}, '127.0.0.1'::inet, '', 'Virtual',
          now(), 7200, 1000, 2000, '', '', '', ${stop ? "User-Request" : ""}, 'Framed-User', 'PPP', ${stop})`,
      );
    await update(false);
    expect(await row(t.tenantId, id)).toMatchObject({ acctstoptime: null, acctterminatecause: null, acctsessiontime: 7200n, acctoutputoctets: 2000n });
    await update(true);
    const ended = await row(t.tenantId, id);
    expect(ended.acctterminatecause).toBe("User-Request");
    expect(ended.acctstoptime).not.toBeNull();
    // A session that ended for real stays ended.
    await update(false);
    expect((await row(t.tenantId, id)).acctterminatecause).toBe("User-Request");
  });

  it("follows the ISP's interim interval, and never touches another ISP's sessions", async () => {
    const fast = await makeTenant();
    await updateRadiusSettings(fast.owner, { interimIntervalSeconds: 60 });
    const slow = await makeTenant();
    const a = await makeCustomer(fast.owner);
    const b = await makeCustomer(slow.owner);
    const fastSilent = await session(fast.tenantId, a.username, { start: minutesAgo(30), update: minutesAgo(4) });
    const slowSilent = await session(slow.tenantId, b.username, { start: minutesAgo(30), update: minutesAgo(4) });
    expect(await closeStaleSessions(fast.tenantId)).toBe(1);
    expect((await row(fast.tenantId, fastSilent)).acctterminatecause).toBe("Stale-Session");
    expect((await row(slow.tenantId, slowSilent)).acctstoptime).toBeNull();
    expect(await closeStaleSessions(slow.tenantId)).toBe(0);
  });
});
