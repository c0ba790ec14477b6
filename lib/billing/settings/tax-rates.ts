// A tenant's tax rates: add or rename (the rate typed as a percentage, "16" or "7.5"), and
// archive. A rate is never deleted or re-rated: issued invoices carry its basis points, and an
// archived rate can no longer be chosen (nor stay the default).
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { isUuid, withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { percentToBp } from "@/lib/money/percent-to-bp";
import { taxRateSchema, type TaxRateInput } from "./settings.schema";

function refuse(field: string, message: string): never {
  throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { [field]: [message] } });
}

export async function saveTaxRate(actor: OperatorActor, input: TaxRateInput) {
  assertCan(actor, "billing:settings");
  const data = taxRateSchema.parse(input);
  const parsed = percentToBp(data.rate);
  if (!parsed.ok) refuse("rate", parsed.message);
  return withTenant(actor.tenantId, async (tx) => {
    const clash = await tx.taxRate.findFirst({ where: { tenantId: actor.tenantId, name: data.name, ...(data.id ? { NOT: { id: data.id } } : {}) } });
    if (clash) refuse("name", "You already have a tax rate with this name.");
    if (!data.id) {
      const rate = await tx.taxRate.create({ data: { tenantId: actor.tenantId, name: data.name, rateBp: parsed.bp } });
      await recordAudit(tx, { actor, action: "billing.tax_rate.create", targetType: "TaxRate", targetId: rate.id, after: { name: rate.name, rateBp: rate.rateBp } });
      return rate;
    }
    const existing = await tx.taxRate.findFirst({ where: { id: data.id, tenantId: actor.tenantId } });
    if (!existing) throw new AppError("NOT_FOUND", { userMessage: "Tax rate not found." });
    // Invoices already issued hold the old rate's basis points; a new rate is a new row.
    if (existing.rateBp !== parsed.bp) refuse("rate", "A rate's percentage cannot change once saved: add a new rate and archive this one.");
    const rate = await tx.taxRate.update({ where: { id: existing.id }, data: { name: data.name } });
    if (existing.name !== rate.name) {
      await recordAudit(tx, { actor, action: "billing.tax_rate.rename", targetType: "TaxRate", targetId: rate.id, before: { name: existing.name }, after: { name: rate.name } });
    }
    return rate;
  });
}

export async function archiveTaxRate(actor: OperatorActor, id: string) {
  assertCan(actor, "billing:settings");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Tax rate not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const existing = await tx.taxRate.findFirst({ where: { id, tenantId: actor.tenantId } });
    if (!existing) throw new AppError("NOT_FOUND", { userMessage: "Tax rate not found." });
    if (existing.archived) return existing;
    const rate = await tx.taxRate.update({ where: { id }, data: { archived: true } });
    await tx.billingSettings.updateMany({ where: { tenantId: actor.tenantId, defaultTaxRateId: id }, data: { defaultTaxRateId: null } });
    await recordAudit(tx, { actor, action: "billing.tax_rate.archive", targetType: "TaxRate", targetId: id, before: { name: existing.name, rateBp: existing.rateBp } });
    return rate;
  });
}
