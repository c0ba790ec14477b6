import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeCustomer, makeOperator, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";
import { listOnlineSessions, onlineSessionsSpec } from "./list-online-sessions";

describe("online sessions", () => {
  it("staff see every open session of the ISP; a reseller only its subtree's; closed ones never", async () => {
    const t = await makeTenant();
    const r = await makeOperator(t.owner, "RESELLER");
    const s = await makeOperator(r.actor, "SUB_RESELLER");
    const isp = await makeCustomer(t.owner);
    const sub = await makeCustomer(s.actor);
    const open = (username: string, stopped = false) =>
      withTenant(t.tenantId, (tx) =>
        tx.radAcct.create({ data: { tenantId: t.tenantId, acctsessionid: uniq("s"), acctuniqueid: uniq("u"), username, nasipaddress: "127.0.0.1", acctstarttime: new Date(), acctstoptime: stopped ? new Date() : null } }),
      );
    await open(isp.username);
    await open(sub.username);
    await open(sub.username, true);
    const query = parseListQuery({}, onlineSessionsSpec([]));
    expect((await listOnlineSessions(t.owner, query)).rows.map((x) => x.username).sort()).toEqual([isp.username, sub.username].sort());
    expect((await listOnlineSessions(r.actor, query)).rows.map((x) => x.username)).toEqual([sub.username]);
    expect((await listOnlineSessions(s.actor, query)).rows.map((x) => x.username)).toEqual([sub.username]);
  });
});

describe("a router's online sessions", () => {
  it("lists only that router's open sessions, hotspot MAC logins included; another ISP's router is not found", async () => {
    const t = await makeTenant();
    const here = await makeRouter(t.owner);
    const there = await makeRouter(t.owner);
    const pppoe = await makeCustomer(t.owner);
    const phone = await makeCustomer(t.owner, { connectionType: "HOTSPOT", macAddress: "AA:BB:CC:00:11:22" });
    const updated = new Date(Date.now() - 120_000);
    const open = (username: string, nasIp: string) =>
      withTenant(t.tenantId, (tx) =>
        tx.radAcct.create({ data: { tenantId: t.tenantId, acctsessionid: uniq("s"), acctuniqueid: uniq("u"), username, nasipaddress: nasIp, acctstarttime: new Date(Date.now() - 600_000), acctupdatetime: updated } }),
      );
    await open(pppoe.username, here.nasIp);
    await open("AA:BB:CC:00:11:22", here.nasIp);
    await open(pppoe.username, there.nasIp);
    const query = parseListQuery({}, onlineSessionsSpec([]));
    const { rows, total } = await listOnlineSessions(t.owner, query, { routerId: here.id });
    expect(total).toBe(2);
    expect(rows.map((r) => r.customerId).sort()).toEqual([pppoe.id, phone.id].sort());
    expect(rows[0]!.lastUpdate).toBe(updated.toISOString());

    const other = await makeTenant();
    await expect(listOnlineSessions(other.owner, query, { routerId: here.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const reseller = await makeOperator(t.owner, "RESELLER");
    await expect(listOnlineSessions(reseller.actor, query, { routerId: here.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
