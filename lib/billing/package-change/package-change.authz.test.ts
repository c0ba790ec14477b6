// Who may change whose package. Resellers may schedule a change for the period end on their own
// customers (nothing is charged) but not make one now (it is charged: their wallet comes later);
// another reseller or another ISP finds nothing. A refused call changes nothing.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/lib/db";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { changePackage, previewPackageChange } from "./package-change-services";
import { changeShop, setMonthlyPeriod } from "./package-change-fixtures";

let c: Cast;
let up: Awaited<ReturnType<typeof changeShop>>;
let down: Awaited<ReturnType<typeof changeShop>>;
beforeAll(async () => {
  c = await makeCast();
  up = await changeShop({ owner: c.owner, tenantId: c.tenantId, creator: c.reseller });
  down = await changeShop({ owner: c.owner, tenantId: c.tenantId, creator: c.reseller, oldPrice: "6200", newPrice: "3100" });
  for (const s of [up, down]) await setMonthlyPeriod(s.tenantId, s.customerId, new Date(), s.timeZone);
});

const tenants = () => [c.tenantId, c.strangerTenantId];

describe("package change services refuse", () => {
  it("a reseller an upgrade now, even on its own customer", async () => {
    const preview = await previewPackageChange(c.reseller, { customerId: up.customerId, packageId: up.newPkg.id });
    expect(preview.options[0]!.mode).toBe("prorate");
    for (const actor of [c.reseller, c.subReseller]) {
      await expectRefused(() => changePackage(actor, { customerId: up.customerId, packageId: up.newPkg.id, idempotencyKey: randomUUID() }), tenants(), actor === c.reseller ? ["FORBIDDEN"] : ["NOT_FOUND"]);
    }
  });

  it("another reseller, another ISP's owner: not found", async () => {
    await expectRefused(() => changePackage(c.otherReseller, { customerId: down.customerId, packageId: down.newPkg.id, idempotencyKey: randomUUID() }), tenants());
    await expectRefused(() => changePackage(c.stranger, { customerId: down.customerId, packageId: down.newPkg.id, idempotencyKey: randomUUID() }), tenants());
    await expect(previewPackageChange(c.stranger, { customerId: up.customerId, packageId: up.newPkg.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("but lets a reseller schedule a downgrade for the period end", async () => {
    const done = await changePackage(c.reseller, { customerId: down.customerId, packageId: down.newPkg.id, idempotencyKey: randomUUID() });
    expect(done).toMatchObject({ mode: "schedule", invoice: null });
    const row = await withTenant(c.tenantId, (tx) => tx.customerBilling.findUniqueOrThrow({ where: { customerId: down.customerId } }));
    expect(row.nextPackageId).toBe(down.newPkg.id);
  });
});
