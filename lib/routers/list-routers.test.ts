// Routers are the ISP's own: lists and pages show only its routers, and never a secret.
import { describe, expect, it } from "vitest";
import { withSystem } from "@/lib/db";
import { getRouterOrThrow } from "@/lib/routers/get-router";
import { listRouters, ROUTER_LIST_SPEC } from "@/lib/routers/list-routers";
import { parseListQuery } from "@/lib/lists/list-query";
import { makeOperator, makeRouter, makeTenant, uniq } from "@/lib/testing/factories";

const everything = parseListQuery({ pageSize: "100" }, ROUTER_LIST_SPEC);

async function openSession(tenantId: string, nasIp: string, stopped = false) {
  const id = uniq("sess");
  await withSystem("test: accounting row", (tx) =>
    tx.radAcct.create({
      data: { tenantId, acctsessionid: id, acctuniqueid: id, username: uniq("u"), nasipaddress: nasIp, acctstarttime: new Date(), acctstoptime: stopped ? new Date() : null },
    }),
  );
}

describe("listRouters", () => {
  it("lists only the tenant's own routers, with their open sessions", async () => {
    const mine = await makeTenant();
    const other = await makeTenant();
    const a = await makeRouter(mine.owner);
    const b = await makeRouter(mine.owner);
    const theirs = await makeRouter(other.owner);
    await openSession(mine.tenantId, a.nasIp);
    await openSession(mine.tenantId, a.nasIp);
    await openSession(mine.tenantId, a.nasIp, true);

    const { rows, total } = await listRouters(mine.owner, everything);
    expect(total).toBe(2);
    expect(rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(rows.map((r) => r.id)).not.toContain(theirs.id);
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ nasIp: a.nasIp, status: "ACTIVE", coaPort: 3799, openSessions: 2 });
    expect(rows.find((r) => r.id === b.id)!.openSessions).toBe(0);
    for (const row of rows) expect(Object.keys(row).some((k) => /secret|password/i.test(k))).toBe(false);
  });

  it("searches by name and by exact address", async () => {
    const t = await makeTenant();
    const a = await makeRouter(t.owner);
    await makeRouter(t.owner);
    expect((await listRouters(t.owner, parseListQuery({ q: a.name.toLowerCase() }, ROUTER_LIST_SPEC))).rows.map((r) => r.id)).toEqual([a.id]);
    expect((await listRouters(t.owner, parseListQuery({ q: a.nasIp }, ROUTER_LIST_SPEC))).rows.map((r) => r.id)).toEqual([a.id]);
  });

  it("sorts by every sortable column", async () => {
    const t = await makeTenant();
    await makeRouter(t.owner);
    await makeRouter(t.owner);
    for (const sort of ROUTER_LIST_SPEC.sortable) {
      for (const dir of ["asc", "desc"]) {
        expect((await listRouters(t.owner, parseListQuery({ sort, dir }, ROUTER_LIST_SPEC))).rows).toHaveLength(2);
      }
    }
  });

  it("is for staff who may view routers", async () => {
    const t = await makeTenant();
    const reseller = await makeOperator(t.owner, "RESELLER");
    await expect(listRouters(reseller.actor, everything)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const manager = await makeOperator(t.owner, "MANAGER");
    await expect(listRouters(manager.actor, everything)).resolves.toMatchObject({ total: 0 });
  });
});

describe("getRouterOrThrow", () => {
  it("answers the router without any secret", async () => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner, { secret: "a-known-secret-value-123" });
    const detail = await getRouterOrThrow(t.owner, router.id);
    expect(detail).toMatchObject({ id: router.id, name: router.name, nasIp: router.nasIp, site: "", status: "ACTIVE", coaPort: 3799, openSessions: 0 });
    expect(Object.keys(detail).some((k) => /secret|password|enc$/i.test(k))).toBe(false);
    expect(JSON.stringify(detail)).not.toContain("a-known-secret-value-123");
  });

  it("another tenant's router, or a malformed id, is not found", async () => {
    const mine = await makeTenant();
    const other = await makeTenant();
    const theirs = await makeRouter(other.owner);
    await expect(getRouterOrThrow(mine.owner, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRouterOrThrow(mine.owner, "1; drop table routers")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
