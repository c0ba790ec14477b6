// The code wall: one visibility helper decides what staff, resellers and customers may touch.
import { describe, expect, it } from "vitest";
import { getCustomerOrThrow } from "@/lib/customers/get-customer";
import { listCustomers } from "@/lib/customers/list-customers";
import { updateCustomer } from "@/lib/customers/update-customer";
import { createCustomer } from "@/lib/customers/create-customer";
import { parseListQuery } from "@/lib/lists/list-query";
import { CUSTOMER_LIST_SPEC } from "@/lib/customers/list-customers";
import { insertCustomersInBulk, makeCustomer, makeOperator, makeTenant } from "@/lib/testing/factories";

const everything = parseListQuery({ pageSize: "100" }, CUSTOMER_LIST_SPEC);

async function tree() {
  const t = await makeTenant();
  const r1 = await makeOperator(t.owner, "RESELLER");
  const r2 = await makeOperator(t.owner, "RESELLER");
  const s1 = await makeOperator(t.owner, "SUB_RESELLER", { parentId: r1.id });
  const ispCustomer = await makeCustomer(t.owner);
  const r1Customer = await makeCustomer(r1.actor);
  const s1Customer = await makeCustomer(s1.actor);
  const r2Customer = await makeCustomer(r2.actor);
  return { t, r1, r2, s1, ispCustomer, r1Customer, s1Customer, r2Customer };
}

describe("customer visibility", () => {
  it("staff see the whole ISP; a reseller its subtree; a sub-reseller its own", async () => {
    const x = await tree();
    const ids = async (actor: Parameters<typeof listCustomers>[0]) => (await listCustomers(actor, everything)).rows.map((r) => r.id).sort();

    expect(await ids(x.t.owner)).toEqual([x.ispCustomer.id, x.r1Customer.id, x.s1Customer.id, x.r2Customer.id].sort());
    expect(await ids(x.r1.actor)).toEqual([x.r1Customer.id, x.s1Customer.id].sort());
    expect(await ids(x.s1.actor)).toEqual([x.s1Customer.id]);
    expect(await ids(x.r2.actor)).toEqual([x.r2Customer.id]);
  });

  it("a search stays inside the actor's subtree, whichever way it is served (index, broad, too short)", async () => {
    const x = await tree();
    const mine = await makeCustomer(x.r1.actor, { name: "Wanjiku Zq" });
    const subs = await makeCustomer(x.s1.actor, { name: "Wanjiku Zq" });
    await makeCustomer(x.r2.actor, { name: "Wanjiku Zq" });
    await makeCustomer(x.t.owner, { name: "Wanjiku Zq" });
    // More matches than the search's cap, all another reseller's: the broad path.
    await insertCustomersInBulk(x.t.tenantId, 1100, { username: "bulk%s", name: "Bulk Wanjiku %s", operatorId: x.r2.id });
    const search = async (actor: Parameters<typeof listCustomers>[0], q: string) => {
      const page = await listCustomers(actor, parseListQuery({ q, pageSize: "100" }, CUSTOMER_LIST_SPEC));
      return { ids: page.rows.map((r) => r.id).sort(), total: page.total };
    };
    for (const q of ["wanjiku zq", "zq", "wanjiku"]) {
      expect(await search(x.r1.actor, q), q).toEqual({ ids: [mine.id, subs.id].sort(), total: 2 });
      expect(await search(x.s1.actor, q), q).toEqual({ ids: [subs.id], total: 1 });
    }
    expect(await search(x.r1.actor, "bulk")).toEqual({ ids: [], total: 0 });
    expect((await search(x.r2.actor, "bulk")).total).toBe(1000);
    expect((await search(x.t.owner, "wanjiku")).total).toBe(1000);
  });

  it("a reseller cannot read or change a customer outside its subtree", async () => {
    const x = await tree();
    await expect(getCustomerOrThrow(x.r1.actor, x.r2Customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCustomerOrThrow(x.s1.actor, x.r1Customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      updateCustomer(x.r1.actor, { id: x.r2Customer.id, name: "Taken over", status: "DISABLED" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const still = await getCustomerOrThrow(x.t.owner, x.r2Customer.id);
    expect(still.status).toBe("ACTIVE");
  });

  it("a reseller cannot hand a customer to an operator outside its subtree", async () => {
    const x = await tree();
    await expect(
      createCustomer(x.r1.actor, { username: "handoff1", password: "secret12", name: "Hand Off", operatorId: x.r2.id }),
    ).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { operatorId: expect.any(Array) } });
  });

  it("a customer sees only itself", async () => {
    const x = await tree();
    const me = { kind: "CUSTOMER" as const, id: x.r1Customer.id, tenantId: x.t.tenantId, name: "me" };
    expect((await getCustomerOrThrow(me, x.r1Customer.id)).id).toBe(x.r1Customer.id);
    await expect(getCustomerOrThrow(me, x.s1Customer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("another tenant's ids are simply not found", async () => {
    const x = await tree();
    const other = await makeTenant();
    await expect(getCustomerOrThrow(other.owner, x.ispCustomer.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCustomerOrThrow(other.owner, "../../etc")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
