// Test fixtures for package changes: a tenant in a chosen zone, two packages and a customer on the
// first, with its billing terms set directly (mode, current period, expiry) so tests pick "now".
import type { OperatorActor } from "@/lib/audit/actor";
import { withTenant } from "@/lib/db";
import type { CustomerBillingMode, ValidityUnit } from "@/lib/db/generated/enums";
import { makeCustomer, makePackage, makeTenant } from "@/lib/testing/factories";
import { billingPeriodContaining } from "../calc/cycle";

export interface ChangeShopOptions {
  timeZone?: string;
  mode?: CustomerBillingMode;
  /** Package prices as typed (whole units of KES). */
  oldPrice?: string;
  newPrice?: string;
  unit?: ValidityUnit;
  validity?: number;
  owner?: OperatorActor;
  tenantId?: string;
  /** Who creates the customer (a reseller for its own customers). */
  creator?: OperatorActor;
}

export async function changeShop(o: ChangeShopOptions = {}) {
  const t = o.owner && o.tenantId ? { owner: o.owner, tenantId: o.tenantId } : await makeTenant();
  const timeZone = o.timeZone ?? "Asia/Kathmandu";
  await withTenant(t.tenantId, (tx) => tx.tenant.update({ where: { id: t.tenantId }, data: { timezone: timeZone } }));
  const validity = { validityValue: o.validity ?? 1, validityUnit: o.unit ?? "MONTH" } as const;
  const oldPkg = await makePackage(t.owner, { price: o.oldPrice ?? "3100", resellerVisible: true, ...validity });
  const newPkg = await makePackage(t.owner, { price: o.newPrice ?? "6200", resellerVisible: true, ...validity });
  const customer = (await makeCustomer(o.creator ?? t.owner))!;
  await withTenant(t.tenantId, async (tx) => {
    await tx.customer.update({ where: { id: customer.id }, data: { packageId: oldPkg.id } });
    await tx.customerBilling.create({ data: { customerId: customer.id, tenantId: t.tenantId, mode: o.mode ?? "MONTHLY_ADVANCE" } });
  });
  return { ...t, timeZone, oldPkg, newPkg, customerId: customer.id };
}

/** Puts a monthly customer in the period (billing day 1) that contains `at`. */
export async function setMonthlyPeriod(tenantId: string, customerId: string, at: Date, timeZone: string) {
  const period = billingPeriodContaining(at, { billingDay: 1 }, timeZone);
  await withTenant(tenantId, (tx) => tx.customerBilling.update({ where: { customerId }, data: { periodStart: period.start, periodEnd: period.end } }));
  return period;
}
