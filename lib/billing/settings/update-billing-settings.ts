// Saves the billing settings form: every field checked (patterns by the numbering rules, cash
// rounding typed in currency units, the default tax rate one of the tenant's live rates), then
// written with its audit entry in one transaction.
import type { OperatorActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { assertCan } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { tryParseAmount } from "@/lib/money/parse-amount";
import { billingContext } from "../billing-context";
import { billingSettingsSchema, type BillingSettingsInput } from "./settings.schema";

/** The database's bound (billing_settings_rounding_check). */
const MAX_ROUNDING_MINOR = 100_000n;

function refuse(field: string, message: string): never {
  throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { [field]: [message] } });
}

export async function updateBillingSettings(actor: OperatorActor, input: BillingSettingsInput) {
  assertCan(actor, "billing:settings");
  const data = billingSettingsSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const ctx = await billingContext(tx, actor.tenantId);
    let cashRoundingMinor = 1n;
    if (data.cashRounding !== "") {
      const parsed = tryParseAmount(data.cashRounding, ctx.currency);
      if (!parsed.ok) refuse("cashRounding", parsed.message);
      if (parsed.minor < 1n || parsed.minor > MAX_ROUNDING_MINOR) refuse("cashRounding", "Round to a positive step, at most 1,000 units (e.g. 1 for whole units, 0.05 for five cents).");
      cashRoundingMinor = parsed.minor;
    }
    if (data.defaultTaxRateId) {
      const rate = await tx.taxRate.findFirst({ where: { id: data.defaultTaxRateId, tenantId: actor.tenantId, archived: false } });
      if (!rate) refuse("defaultTaxRateId", "Choose one of your tax rates.");
    }
    const { cashRounding: _typed, ...fields } = data;
    void _typed;
    const before = ctx.settings;
    const after = await tx.billingSettings.update({ where: { tenantId: actor.tenantId }, data: { ...fields, cashRoundingMinor } });
    const changed = Object.fromEntries(
      Object.entries({ ...fields, cashRoundingMinor }).filter(([k, v]) => String(before[k as keyof typeof before] ?? "") !== String(v ?? "")),
    );
    if (Object.keys(changed).length) {
      const was = Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]]));
      await recordAudit(tx, { actor, action: "billing.settings.update", targetType: "BillingSettings", targetId: actor.tenantId, before: was, after: changed });
    }
    return after;
  });
}
