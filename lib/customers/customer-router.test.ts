// A customer's router: staff assign one of the ISP's active routers; a form without the field
// keeps it; resellers cannot pick routers; another ISP's router is refused.
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makeOperator, makeRouter, makeTenant } from "@/lib/testing/factories";
import { updateCustomer } from "./update-customer";

const routerOf = (tenantId: string, id: string) => withTenant(tenantId, async (tx) => (await tx.customer.findUniqueOrThrow({ where: { id } })).routerId);

describe("customer router", () => {
  it("is set by staff, kept when the form leaves it out, cleared with an empty choice", async () => {
    const t = await makeTenant();
    const router = await makeRouter(t.owner);
    const c = await makeCustomer(t.owner, { routerId: router.id });
    expect(await routerOf(t.tenantId, c.id)).toBe(router.id);
    const base = { id: c.id, name: c.name, connectionType: "PPPOE" as const, status: "ACTIVE" as const };
    await updateCustomer(t.owner, { ...base, name: "Renamed" });
    expect(await routerOf(t.tenantId, c.id)).toBe(router.id);
    await updateCustomer(t.owner, { ...base, routerId: "" });
    expect(await routerOf(t.tenantId, c.id)).toBeNull();
  });

  it("refuses another ISP's router and routers chosen by resellers", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const foreign = await makeRouter(other.owner);
    await expect(makeCustomer(t.owner, { routerId: foreign.id })).rejects.toMatchObject({ fieldErrors: { routerId: expect.any(Array) } });
    const reseller = await makeOperator(t.owner, "RESELLER");
    const own = await makeRouter(t.owner);
    await expect(makeCustomer(reseller.actor, { routerId: own.id })).rejects.toMatchObject({ fieldErrors: { routerId: expect.any(Array) } });
  });
});
