// The doors for a package change. Staff with customers:manage preview and apply; money moving now
// also needs billing:collect. Resellers may only schedule a change for the period end (nothing is
// charged): their wallet, which would pay for an upgrade now, comes with the reseller work.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { packageVisibility } from "@/lib/packages/list-packages";
import { visibleCustomer } from "../billing-access";
import { billingContext } from "../billing-context";
import { changePackageTx, type PackageChanged } from "./change-package";
import { planPackageChangeTx } from "./plan-package-change";
import { changePackageSchema, previewPackageChangeSchema, type ChangePackageInput, type PreviewPackageChangeInput } from "./package-change.schema";
import type { PackageChangePreview } from "./package-change.types";

function loadPackageFor(actor: OperatorActor) {
  return async (tx: Tx, packageId: string) => {
    const pkg = await tx.package.findFirst({ where: { AND: [packageVisibility(actor), { id: packageId }] } });
    if (!pkg) throw new AppError("VALIDATION", { userMessage: "Choose one of your packages.", fieldErrors: { packageId: ["Choose one of your packages."] } });
    return pkg;
  };
}

export async function previewPackageChange(actor: OperatorActor, input: PreviewPackageChangeInput): Promise<PackageChangePreview> {
  assertCan(actor, "customers:manage");
  const data = previewPackageChangeSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const newPkg = await loadPackageFor(actor)(tx, data.packageId);
    const oldPkg = customer.packageId ? await tx.package.findUnique({ where: { id: customer.packageId } }) : null;
    return planPackageChangeTx(tx, ctx, { customer, oldPkg, newPkg, now: new Date() });
  });
}

export async function changePackage(actor: OperatorActor, input: ChangePackageInput): Promise<PackageChanged> {
  assertCan(actor, "customers:manage");
  const data = changePackageSchema.parse(input);
  const mayCollect = can(actor, "billing:collect");
  return withTenant(actor.tenantId, async (tx) => {
    const customer = await visibleCustomer(tx, actor, data.customerId);
    const ctx = await billingContext(tx, actor.tenantId);
    const loadPackage = loadPackageFor(actor);
    return changePackageTx(tx, ctx, {
      customerId: customer.id,
      packageId: data.packageId,
      ...(data.mode ? { mode: data.mode } : {}),
      ...(data.expectedNetMinor !== undefined ? { expectedNetMinor: data.expectedNetMinor } : {}),
      key: `form:${actor.id}:${data.idempotencyKey}`,
      actor,
      operatorId: actor.id,
      loadPackage,
      // Decided on the recomputed plan: anything but a free change at the period end needs billing:collect.
      authorize: (option) => {
        if (!mayCollect && option.mode !== "schedule") throw new AppError("FORBIDDEN", { userMessage: "Only a change at the period end can be made here: a change now may be charged, ask the ISP's staff." });
      },
    });
  });
}
