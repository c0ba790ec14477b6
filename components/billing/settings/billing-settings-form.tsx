"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ChoiceSelect, type Choice } from "@/components/forms/choice-select";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { NumberPreview } from "@/lib/billing/settings/preview-document-number";
import { PatternField } from "./pattern-field";

type Props = {
  action: FormAction;
  preview: (field: string, pattern: string) => Promise<NumberPreview>;
  values: Record<string, string>;
  currency: string;
  taxRates: Choice[];
};

const MODES: Choice[] = [
  { value: "PREPAID_VALIDITY", label: "Prepaid: pay, then use for the package's validity" },
  { value: "PREPAID_DAILY", label: "Prepaid daily: a charge each day from the balance" },
  { value: "MONTHLY_ADVANCE", label: "Monthly in advance: an invoice on the billing day" },
];
const DAYS: Choice[] = [{ value: "anniversary", label: "Each customer's start day (anniversary)" }, ...Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: `Day ${i + 1} of the month` }))];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 border-t border-gray-200 pt-4 first:border-0 first:pt-0">
      <legend className="text-sm font-semibold text-gray-900">{title}</legend>
      {children}
    </fieldset>
  );
}

function Check({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint: string }) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="mt-0.5 size-4 rounded border-gray-300" />
      <span>
        <span className="font-medium text-gray-900">{label}</span>
        <span className="block text-gray-500">{hint}</span>
      </span>
    </label>
  );
}

export function BillingSettingsForm({ action, preview, values, currency, taxRates }: Props) {
  return (
    <ActionForm action={action} submitLabel="Save billing settings">
      {(state) => {
        // After a failed save the form shows what was typed; an unticked box posts nothing.
        const v = state.values ? { ...values, autoLock: "", pricesIncludeTax: "", ...state.values } : values;
        const e = state.fieldErrors ?? {};
        return (
          <>
            <Section title="Billing cycle">
              <Field label="Default billing mode" name="defaultMode" error={e.defaultMode} hint="For customers whose package or own terms say nothing else.">
                <ChoiceSelect choices={MODES} defaultValue={v.defaultMode} />
              </Field>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Billing day" name="billingDay" error={e.billingDay} hint="Monthly invoices are made on this day, in your time zone.">
                  <ChoiceSelect choices={DAYS} defaultValue={v.billingDay} />
                </Field>
                <Field label="Due after (days)" name="dueDays" error={e.dueDays} hint="0-365 days after the invoice.">
                  <Input inputMode="numeric" defaultValue={v.dueDays} maxLength={5} />
                </Field>
                <Field label="Grace (days)" name="graceDays" error={e.graceDays} hint="Days past due before the service is locked.">
                  <Input inputMode="numeric" defaultValue={v.graceDays} maxLength={5} />
                </Field>
                <Field label="Deactivate after (days locked)" name="deactivateAfterDays" error={e.deactivateAfterDays} hint="Empty: never.">
                  <Input inputMode="numeric" defaultValue={v.deactivateAfterDays} maxLength={5} />
                </Field>
              </div>
              <Check name="autoLock" label="Lock unpaid customers automatically" checked={v.autoLock === "on"} hint="Past due plus grace, the service is suspended until paid." />
            </Section>

            <Section title="Numbering">
              <div className="grid gap-4 sm:grid-cols-3">
                <PatternField name="invoicePattern" label="Invoice numbers" defaultValue={v.invoicePattern ?? ""} error={e.invoicePattern} preview={preview} />
                <PatternField name="creditNotePattern" label="Credit note numbers" defaultValue={v.creditNotePattern ?? ""} error={e.creditNotePattern} preview={preview} />
                <PatternField name="receiptPattern" label="Receipt numbers" defaultValue={v.receiptPattern ?? ""} error={e.receiptPattern} preview={preview} />
              </div>
            </Section>

            <Section title="Tax and rounding">
              <Check name="pricesIncludeTax" label="Prices include tax" checked={v.pricesIncludeTax === "on"} hint="Package prices are what the customer pays; the tax is worked out of them." />
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Default tax rate" name="defaultTaxRateId" error={e.defaultTaxRateId} hint="Add rates below.">
                  <ChoiceSelect choices={taxRates} defaultValue={v.defaultTaxRateId} placeholder="No tax" />
                </Field>
                <Field label={`Cash rounding (${currency})`} name="cashRounding" error={e.cashRounding} hint={`Totals are rounded to this step: 1 = whole ${currency}, 0.05 = five cents. Empty: no rounding.`}>
                  <Input inputMode="decimal" defaultValue={v.cashRounding} maxLength={20} />
                </Field>
              </div>
            </Section>

            <Section title="Package changes">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Unused days of the old package" name="changeCreditPolicy" error={e.changeCreditPolicy}>
                  <ChoiceSelect choices={[{ value: "CREDIT", label: "Become customer credit" }, { value: "REFUND", label: "Are refunded" }]} defaultValue={v.changeCreditPolicy} />
                </Field>
                <Field label="Upgrades start" name="upgradeTiming" error={e.upgradeTiming} hint="Downgrades always start at the period end.">
                  <ChoiceSelect choices={[{ value: "NOW", label: "At once (prorated)" }, { value: "NEXT_PERIOD", label: "At the next period" }]} defaultValue={v.upgradeTiming} />
                </Field>
              </div>
            </Section>

            <Section title="On invoices and receipts">
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Legal name" name="legalName" error={e.legalName}>
                  <Input defaultValue={v.legalName} maxLength={200} />
                </Field>
                <Field label="Tax id" name="taxId" error={e.taxId}>
                  <Input defaultValue={v.taxId} maxLength={64} />
                </Field>
                <Field label="Phone" name="phone" error={e.phone}>
                  <Input defaultValue={v.phone} maxLength={40} />
                </Field>
                <Field label="Email" name="email" error={e.email}>
                  <Input type="email" defaultValue={v.email} maxLength={254} />
                </Field>
              </div>
              <Field label="Address" name="legalAddress" error={e.legalAddress}>
                <Textarea rows={3} defaultValue={v.legalAddress} maxLength={500} />
              </Field>
              <Field label="Invoice footer" name="invoiceFooter" error={e.invoiceFooter} hint="Payment instructions, bank details, a thank-you.">
                <Textarea rows={3} defaultValue={v.invoiceFooter} maxLength={1000} />
              </Field>
            </Section>
          </>
        );
      }}
    </ActionForm>
  );
}
