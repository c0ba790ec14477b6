// Applies a package change exactly as previewed: recomputed under the customer's billing lock
// (refused if the net moved since the form showed it), the change invoice issued (PACKAGE_CHANGE,
// PRORATION/CREDIT or PERIOD lines), a refund posted to refunds_payable under the refund policy,
// and the package switched through the customer fan-out so RADIUS, routers and live sessions
// (CoA) follow. A scheduled change only stores next_package_id. Idempotent by key.
import type { Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import type { Customer, Invoice, Package } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { applyCustomerChange } from "@/lib/customers/customer-changed";
import { postTransaction, systemAccount } from "@/lib/ledger";
import { lockCustomerForBilling, type BillingContext } from "../billing-context";
import { createDraftInvoice, issueInvoice } from "../invoices/issue-invoice";
import { planPackageChangeTx } from "./plan-package-change";
import type { PackageChangeMode, PackageChangeOption, PackageChangePreview } from "./package-change.types";

export interface ChangePackageTxInput {
  customerId: string;
  packageId: string;
  /** Required when the preview offered more than one option (extend / replace). */
  mode?: PackageChangeMode;
  /** The net the operator saw; a different one now is refused. */
  expectedNetMinor?: bigint;
  /** The business event: one key, one change. */
  key: string;
  actor: Actor;
  operatorId: string | null;
  /** Checks the chosen package against the actor (visibility); the service passes it. */
  loadPackage: (tx: Tx, packageId: string) => Promise<Package>;
  /** Refuses an option the actor may not apply (throws); called on the recomputed plan before anything is written. */
  authorize?: (option: PackageChangeOption) => void;
  now?: Date;
}

export interface PackageChanged {
  mode: PackageChangeMode;
  option: PackageChangeOption;
  invoice: Invoice | null;
  customer: Customer;
  existed: boolean;
  /** The tenant's zone and locale, to say the dates and amounts as the preview did. */
  timeZone: string;
  locale: string;
}

/** The option the input names (or the only one). */
export function chooseOption(preview: PackageChangePreview, mode: PackageChangeMode | undefined): PackageChangeOption {
  if (!mode) {
    if (preview.options.length === 1) return preview.options[0]!;
    throw new AppError("VALIDATION", { userMessage: `Choose how to change the package: ${preview.options.map((o) => o.mode).join(" or ")}.`, fieldErrors: { mode: ["Choose one."] } });
  }
  const option = preview.options.find((o) => o.mode === mode);
  if (!option) throw new AppError("VALIDATION", { userMessage: `This change cannot be made as "${mode}": review it again.`, fieldErrors: { mode: ["Not offered for this change."] } });
  return option;
}

export async function changePackageTx(tx: Tx, ctx: BillingContext, input: ChangePackageTxInput): Promise<PackageChanged> {
  const now = input.now ?? new Date();
  await lockCustomerForBilling(tx, ctx.tenantId, input.customerId);
  const invoiceKey = `package-change:${input.key}`;
  const before = await tx.customer.findUniqueOrThrow({ where: { id: input.customerId } });

  // A retry of a change already made (same key: its invoice; a free one: the package is already there).
  const done = await tx.invoice.findFirst({ where: { tenantId: ctx.tenantId, idempotencyKey: invoiceKey } });
  const billingRow = await tx.customerBilling.findUnique({ where: { customerId: before.id } });
  const already = (mode: PackageChangeMode, invoice: Invoice | null): PackageChanged => ({
    mode,
    option: { mode, summary: "Already changed.", effectiveAt: now, expiresAt: before.expiresAt, period: null, lines: [], netMinor: invoice?.totalMinor ?? 0n, refundMinor: 0n, invoiceLines: [] },
    invoice,
    customer: before,
    existed: true,
    timeZone: ctx.timeZone,
    locale: ctx.locale,
  });
  if (done) return already((await tx.invoiceLine.count({ where: { invoiceId: done.id, kind: "PERIOD" } })) ? "replace" : "prorate", done);
  if (before.packageId === input.packageId) return already(input.mode ?? "switch", null);
  if (billingRow?.nextPackageId === input.packageId) return already("schedule", null);

  const newPkg = await input.loadPackage(tx, input.packageId);
  const oldPkg = before.packageId ? await tx.package.findUnique({ where: { id: before.packageId } }) : null;
  const preview = await planPackageChangeTx(tx, ctx, { customer: before, oldPkg, newPkg, now });
  const option = chooseOption(preview, input.mode);
  input.authorize?.(option);
  if (input.expectedNetMinor !== undefined && input.expectedNetMinor !== option.netMinor) {
    throw new AppError("CONFLICT", { userMessage: "Prices or dates changed since the preview: review the change again." });
  }
  const auditAfter = { packageId: newPkg.id, mode: option.mode, netMinor: option.netMinor, refundMinor: option.refundMinor, effectiveAt: option.effectiveAt };

  if (option.mode === "schedule") {
    await tx.customerBilling.upsert({
      where: { customerId: before.id },
      create: { customerId: before.id, tenantId: ctx.tenantId, nextPackageId: newPkg.id },
      update: { nextPackageId: newPkg.id },
    });
    await recordAudit(tx, { actor: input.actor, action: "customer.package.schedule", targetType: "Customer", targetId: before.id, before: { packageId: before.packageId, nextPackageId: billingRow?.nextPackageId ?? null }, after: auditAfter });
    return { mode: option.mode, option, invoice: null, customer: before, existed: false, timeZone: ctx.timeZone, locale: ctx.locale };
  }

  let invoice: Invoice | null = null;
  if (option.invoiceLines.length) {
    const draft = await createDraftInvoice(tx, ctx, {
      customerId: before.id,
      source: "PACKAGE_CHANGE",
      packageId: newPkg.id,
      periodStart: option.period?.start ?? null,
      periodEnd: option.period?.end ?? null,
      idempotencyKey: invoiceKey,
      createdById: input.operatorId,
      notes: `Package change: ${oldPkg?.name ?? "none"} to ${newPkg.name}`,
      lines: option.invoiceLines,
    });
    invoice = await issueInvoice(tx, ctx, draft.id, { at: now, operatorId: input.operatorId });
  }
  if (option.refundMinor > 0n) await postRefund(tx, ctx, option, { invoice, customerId: before.id, operatorId: input.operatorId, key: invoiceKey, now });

  const after = await tx.customer.update({
    where: { id: before.id },
    data: {
      packageId: newPkg.id,
      ...(option.mode === "replace" ? { expiresAt: option.expiresAt, dataCapReachedAt: null, ...(before.status === "EXPIRED" ? { status: "ACTIVE" as const } : {}) } : {}),
    },
  });
  // A special price was agreed for the old package; the new one is billed at its own price. A scheduled change is superseded.
  if (billingRow) await tx.customerBilling.update({ where: { customerId: before.id }, data: { nextPackageId: null, priceMinor: null } });
  await applyCustomerChange(tx, {
    tenantId: ctx.tenantId,
    before,
    after,
    reason: "package changed",
    now,
    audit: { actor: input.actor, action: "customer.package.change", before: { packageId: before.packageId, expiresAt: before.expiresAt }, after: { ...auditAfter, expiresAt: after.expiresAt, invoice: invoice?.number ?? null } },
  });
  return { mode: option.mode, option, invoice, customer: after, existed: false, timeZone: ctx.timeZone, locale: ctx.locale };
}

/** Refund policy: the unused days' revenue and tax go to refunds_payable (paid out by the ISP), not to the customer's credit. */
async function postRefund(tx: Tx, ctx: BillingContext, option: PackageChangeOption, ref: { invoice: Invoice | null; customerId: string; operatorId: string | null; key: string; now: Date }) {
  const refundLine = option.lines.find((l) => l.kind === "REFUND")!;
  const [revenue, taxPayable, refunds] = await Promise.all([
    systemAccount(tx, ctx.tenantId, "revenue", ctx.currency),
    systemAccount(tx, ctx.tenantId, "taxPayable", ctx.currency),
    systemAccount(tx, ctx.tenantId, "refundsPayable", ctx.currency),
  ]);
  const legs = [
    { accountId: revenue, amountMinor: -refundLine.netMinor },
    { accountId: taxPayable, amountMinor: -refundLine.taxMinor },
    { accountId: refunds, amountMinor: -option.refundMinor },
  ].filter((l) => l.amountMinor !== 0n);
  await postTransaction(tx, ctx.tenantId, {
    key: `${ref.key}:refund`,
    event: "package_change.refund",
    memo: `Refund of unused days${ref.invoice?.number ? ` (package change ${ref.invoice.number})` : ""}`,
    refType: ref.invoice ? "invoice" : "customer",
    refId: ref.invoice?.id ?? ref.customerId,
    customerId: ref.customerId,
    operatorId: ref.operatorId,
    effectiveAt: ref.now,
    legs,
  });
}
