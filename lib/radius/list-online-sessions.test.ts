import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeCustomer, makeOperator, makeTenant, uniq } from "@/lib/testing/factories";
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
