// A customer's router: staff assign one of the ISP's active routers; a form without the field
// keeps it; resellers cannot pick routers; another ISP's router is refused. And a save writes only
// what the operator changed (finding 17: saving an API-mode customer un-assigned its router).
import { describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { makeCustomer, makeOperator, makePackage, makeRouter, makeTenant } from "@/lib/testing/factories";
import type { OperatorActor } from "@/lib/audit/actor";
import { customerFormValues, type CustomerFormValues } from "./customer-form-values";
import type { UpdateCustomerInput } from "./customers.schema";
import { getCustomerOrThrow } from "./get-customer";
import { updateCustomer } from "./update-customer";

const TZ = "Africa/Nairobi";
const row = (tenantId: string, id: string) => withTenant(tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id } }));
const routerOf = async (tenantId: string, id: string) => (await row(tenantId, id)).routerId;

/** What the edit form posts: every field it shows (an unticked checkbox: nothing), plus `base`. */
function formPost(id: string, shown: Partial<CustomerFormValues>, edits: Partial<CustomerFormValues>) {
  const posted: Record<string, string> = { id, ...shown, ...edits, base: JSON.stringify(shown) };
  if (posted.macLock === "") delete posted.macLock;
  // As app/_actions/customers.ts hands the posted strings to the service.
  return posted as UpdateCustomerInput & { id: string; base: string };
}

/** The edit page's form for this actor: the values it shows, minus the router select for resellers. */
async function shownBy(actor: OperatorActor, id: string): Promise<Partial<CustomerFormValues>> {
  const { routerId, ...rest } = customerFormValues(await getCustomerOrThrow(actor, id), TZ);
  return actor.role === "RESELLER" || actor.role === "SUB_RESELLER" ? rest : { ...rest, routerId };
}

/** An API-mode customer with every column the form edits filled in, owned by a reseller. */
async function fullCustomer() {
  const t = await makeTenant();
  const reseller = await makeOperator(t.owner, "RESELLER");
  const router = await makeRouter(t.owner);
  await withTenant(t.tenantId, (tx) => tx.router.update({ where: { id: router.id }, data: { mode: "API" } }));
  const pkg = await makePackage(t.owner, { connectionTypes: ["PPPOE", "HOTSPOT", "STATIC"], resellerVisible: true });
  const c = await makeCustomer(t.owner, {
    name: "Amina Wanjiru",
    mobile: "+254712345678",
    email: "amina@example.test",
    address: "Plot 7, Kilimani",
    operatorId: reseller.id,
    connectionType: "PPPOE",
    packageId: pkg.id,
    routerId: router.id,
    staticIp: "10.20.30.40",
    macAddress: "AA:BB:CC:DD:EE:01",
    macLock: true,
    notes: "Gate code 1234",
  });
  // An expiry with seconds and milliseconds: the form's datetime-local shows minutes only.
  await withTenant(t.tenantId, (tx) => tx.customer.update({ where: { id: c.id }, data: { expiresAt: new Date("2027-03-04T05:06:07.891Z") } }));
  return { t, reseller, router, pkg, c };
}

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

describe("a save changes only what the operator touched", () => {
  it("renaming an API-mode customer through the edit form leaves its router and every other column as they were", async () => {
    const { t, c } = await fullCustomer();
    const before = await row(t.tenantId, c.id);
    await updateCustomer(t.owner, formPost(c.id, await shownBy(t.owner, c.id), { name: "Amina W. Otieno" }));
    const after = await row(t.tenantId, c.id);
    expect(after.name).toBe("Amina W. Otieno");
    expect({ ...after, name: before.name, updatedAt: before.updatedAt }).toEqual(before);
  });

  it("a field the form showed empty because it did not know the value (the old router select) does not clear it", async () => {
    const { t, router, c } = await fullCustomer();
    // The form as it was: initial values without routerId, so the select showed "Any router" and posted "".
    const shown = { ...(await shownBy(t.owner, c.id)), routerId: "" };
    await updateCustomer(t.owner, formPost(c.id, shown, { status: "SUSPENDED" }));
    const after = await row(t.tenantId, c.id);
    expect(after.status).toBe("SUSPENDED");
    expect(after.routerId).toBe(router.id);
  });

  it("what the operator does change is written: a cleared router, another owner, an unticked MAC lock", async () => {
    const { t, c } = await fullCustomer();
    const shown = await shownBy(t.owner, c.id);
    await updateCustomer(t.owner, formPost(c.id, shown, { routerId: "", operatorId: "", macLock: "" }));
    const after = await row(t.tenantId, c.id);
    expect(after).toMatchObject({ routerId: null, operatorId: null, macLock: false, macAddress: "AA:BB:CC:DD:EE:01", name: "Amina Wanjiru" });
  });

  it("an API call with only some fields changes those and keeps the rest", async () => {
    const { t, c } = await fullCustomer();
    const before = await row(t.tenantId, c.id);
    await updateCustomer(t.owner, { id: c.id, notes: "" });
    const after = await row(t.tenantId, c.id);
    expect({ ...after, notes: "Gate code 1234", updatedAt: before.updatedAt }).toEqual(before);
    expect(after.notes).toBeNull();
  });

  it("a package no longer on sale (archived, or hidden from resellers) stays through a save that does not touch it", async () => {
    const { t, reseller, pkg, c } = await fullCustomer();
    await withTenant(t.tenantId, (tx) => tx.package.update({ where: { id: pkg.id }, data: { status: "ARCHIVED", resellerVisible: false } }));
    await updateCustomer(reseller.actor, formPost(c.id, await shownBy(reseller.actor, c.id), { notes: "Moved in" }));
    await updateCustomer(t.owner, formPost(c.id, await shownBy(t.owner, c.id), { name: "Amina Otieno" }));
    expect(await row(t.tenantId, c.id)).toMatchObject({ packageId: pkg.id, notes: "Moved in", name: "Amina Otieno" });
    // Choosing it anew is still refused.
    await expect(updateCustomer(t.owner, { id: c.id, packageId: "" })).resolves.toBeTruthy();
    await expect(updateCustomer(t.owner, { id: c.id, packageId: pkg.id })).rejects.toMatchObject({ fieldErrors: { packageId: expect.any(Array) } });
  });

  it("an unreadable or oversized base is ignored: every posted field is written", async () => {
    const { t, c } = await fullCustomer();
    const shown = await shownBy(t.owner, c.id);
    await updateCustomer(t.owner, { ...formPost(c.id, shown, { name: "Amina `%{User-Name}` \"Q\"" }), base: "{not json" });
    expect(await row(t.tenantId, c.id)).toMatchObject({ name: "Amina `%{User-Name}` \"Q\"" });
    await updateCustomer(t.owner, { ...formPost(c.id, shown, {}), base: JSON.stringify({ ...shown, pad: "x".repeat(30_000) }) });
    expect(await row(t.tenantId, c.id)).toMatchObject({ name: "Amina Wanjiru" });
  });
});
