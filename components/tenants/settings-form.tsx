"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ChoiceSelect, type Choice } from "@/components/forms/choice-select";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Props = {
  action: FormAction;
  tenant: { name: string; currency: string; timezone: string; locale: string };
  currencies: Choice[];
  timeZones: Choice[];
};

export function SettingsForm({ action, tenant, currencies, timeZones }: Props) {
  return (
    <ActionForm action={action} submitLabel="Save settings">
      {(state) => {
        const v = { ...tenant, ...state.values };
        const e = state.fieldErrors ?? {};
        return (
          <>
            <Field label="ISP name" name="name" error={e.name} required>
              <Input defaultValue={v.name} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Currency" name="currency" error={e.currency} hint="Used for every price and payment." required>
                <ChoiceSelect choices={currencies} defaultValue={v.currency} />
              </Field>
              <Field label="Locale" name="locale" error={e.locale} hint="Language and formats, e.g. en or en-KE.">
                <Input defaultValue={v.locale} />
              </Field>
            </div>
            <Field label="Time zone" name="timezone" error={e.timezone} hint="Bills, expiry and reports follow this clock." required>
              <ChoiceSelect choices={timeZones} defaultValue={v.timezone} />
            </Field>
          </>
        );
      }}
    </ActionForm>
  );
}
