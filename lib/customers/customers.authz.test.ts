// Who may act on which customer, asked of the services directly. Every operator role has
// customers:manage, so the wall here is the subtree: staff reach the whole ISP, a reseller its
// own and its sub-resellers' customers, a sub-reseller its own. Outside that a customer does not
// exist (404), and a choice the actor may not make (another reseller as owner, a package kept
// from resellers, a router) is refused on its field (422). Nothing changes either way.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { OperatorActor } from "@/lib/audit/actor";
import { withTenant } from "@/lib/db";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { makeCustomer, makePackage, makeRouter, TEST_PASSWORD, uniq } from "@/lib/testing/factories";
import { createCustomer } from "./create-customer";
import { activateCustomer, disableCustomer, pauseCustomer, suspendCustomer } from "./change-customer-status";
import { disconnectCustomer } from "./disconnect-customer";
import { checkCustomerImport, startCustomerImport } from "./import-customers";
import { revealNetworkPassword } from "./reveal-network-password";
import { updateCustomer } from "./update-customer";

let c: Cast;
/** One customer per owner: the ISP itself, each reseller, each sub-reseller. */
let of: Record<"isp" | "reseller" | "subReseller" | "otherReseller" | "otherSubReseller", { id: string; username: string }>;
let hiddenPackage: { id: string; name: string };
let routerId: string;
beforeAll(async () => {
  c = await makeCast();
  routerId = (await makeRouter(c.owner)).id;
  hiddenPackage = await makePackage(c.owner, { resellerVisible: false });
  const [isp, reseller, subReseller, otherReseller, otherSubReseller] = await Promise.all([
    makeCustomer(c.owner, { routerId }),
    makeCustomer(c.owner, { operatorId: c.reseller.id, routerId }),
    makeCustomer(c.subReseller),
    makeCustomer(c.otherReseller),
    makeCustomer(c.otherSubReseller),
  ]);
  of = { isp: isp!, reseller: reseller!, subReseller: subReseller!, otherReseller: otherReseller!, otherSubReseller: otherSubReseller! };
});

const edit = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: "Taken Over", status: "DISABLED" as const, password: "another-pass", ...extra });

/** Who must not reach whose customer. */
const outside: [keyof Cast & ("reseller" | "subReseller" | "stranger"), keyof typeof of][] = [
  ["reseller", "isp"],
  ["reseller", "otherReseller"],
  ["reseller", "otherSubReseller"],
  ["subReseller", "isp"],
  ["subReseller", "reseller"],
  ["subReseller", "otherSubReseller"],
  ["stranger", "isp"],
  ["stranger", "reseller"],
];

describe("a customer outside the actor's subtree does not exist for it", () => {
  const services: Record<string, (a: OperatorActor, id: string) => Promise<unknown>> = {
    updateCustomer: (a, id) => updateCustomer(a, edit(id)),
    disconnectCustomer: (a, id) => disconnectCustomer(a, id),
    suspendCustomer: (a, id) => suspendCustomer(a, id, "test"),
    pauseCustomer: (a, id) => pauseCustomer(a, id),
    activateCustomer: (a, id) => activateCustomer(a, id),
    disableCustomer: (a, id) => disableCustomer(a, id, "test"),
    revealNetworkPassword: (a, id) => revealNetworkPassword(a, id),
  };
  for (const [name, call] of Object.entries(services)) {
    for (const [actor, owner] of outside) {
      it(`${name}: ${actor} on the ${owner}'s customer`, async () => {
        await expectRefused(() => call(c[actor] as OperatorActor, of[owner].id), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
      });
    }
  }
});

describe("choices a reseller may not make", () => {
  it("updateCustomer: a reseller cannot hand its customer to another reseller's subtree", async () => {
    await expectRefused(() => updateCustomer(c.reseller, edit(of.reseller.id, { operatorId: c.otherSubReseller.id })), [c.tenantId], ["VALIDATION"]);
  });

  it("updateCustomer: a reseller cannot pick a package kept from resellers", async () => {
    await expectRefused(() => updateCustomer(c.reseller, edit(of.reseller.id, { packageId: hiddenPackage.id })), [c.tenantId], ["VALIDATION"]);
  });

  it("updateCustomer: a reseller cannot move its customer to a router, nor take it off its router", async () => {
    await expectRefused(() => updateCustomer(c.reseller, edit(of.reseller.id, { routerId })), [c.tenantId], ["VALIDATION"]);
    await expectRefused(() => updateCustomer(c.reseller, edit(of.reseller.id, { routerId: "" })), [c.tenantId], ["VALIDATION"]);
  });

  it("createCustomer: a reseller cannot name another reseller's operator as owner, a hidden package or a router", async () => {
    const fresh = (extra: Record<string, unknown>) => ({ username: uniq("u"), password: TEST_PASSWORD, name: "New Customer", ...extra });
    await expectRefused(() => createCustomer(c.reseller, fresh({ operatorId: c.otherSubReseller.id })), [c.tenantId], ["VALIDATION"]);
    await expectRefused(() => createCustomer(c.reseller, fresh({ operatorId: randomUUID() })), [c.tenantId], ["VALIDATION"]);
    await expectRefused(() => createCustomer(c.reseller, fresh({ packageId: hiddenPackage.id })), [c.tenantId], ["VALIDATION"]);
    await expectRefused(() => createCustomer(c.subReseller, fresh({ routerId })), [c.tenantId], ["VALIDATION"]);
  });

  it("createCustomer: a sub-reseller's customer is its own, whatever owner the request names", async () => {
    const created = await createCustomer(c.subReseller, { username: uniq("u"), password: TEST_PASSWORD, name: "New Customer", operatorId: c.otherSubReseller.id });
    expect(created.operatorId).toBe(c.subReseller.id);
  });

  it("checkCustomerImport / startCustomerImport: a reseller's rows naming a package kept from resellers are not ready; weaker roles and other subtrees are refused", async () => {
    const csv = `username,password,name,package\n${uniq("u")},${TEST_PASSWORD},Imported,${hiddenPackage.name}\n`;
    const checked = await checkCustomerImport(c.reseller, "c.csv", new TextEncoder().encode(csv));
    expect(checked.rowsReady).toBe(0);
    expect(checked.problems.map((p) => p.field)).toEqual(["package"]);
    await expectRefused(() => startCustomerImport(c.reseller, checked.id), [c.tenantId], ["VALIDATION"]);
    for (const weak of [c.manager, c.subReseller]) await expectRefused(() => checkCustomerImport(weak, "c.csv", new TextEncoder().encode(csv)), [c.tenantId]);
    await expectRefused(() => startCustomerImport(c.otherReseller, checked.id), [c.tenantId]);
  });
});

describe("the customer's router stays the staff's choice", () => {
  it("staff still set and clear it", async () => {
    await updateCustomer(c.owner, edit(of.isp.id, { routerId: "", status: "ACTIVE" }));
    const after = await withTenant(c.tenantId, (tx) => tx.customer.findUniqueOrThrow({ where: { id: of.isp.id } }));
    expect(after.routerId).toBeNull();
  });
});
