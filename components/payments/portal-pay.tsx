"use client";

// The portal's Pay card: what to pay for (the next period, or what is owed), how (the ISP's
// gateways), and the phone for mobile money. Submitting starts the payment and goes to its page.
import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Token } from "@/components/resellers/money-forms";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export interface PayChoice {
  purpose: "RENEWAL" | "BALANCE";
  label: string;
  amount: string;
}

export function PortalPayForm({ action, choices, gateways, phone, hidden = {} }: { action: FormAction; choices: PayChoice[]; gateways: { id: string; name: string; asksPhone: boolean }[]; phone: string | null; hidden?: Record<string, string> }) {
  const [gatewayId, setGatewayId] = useState(gateways[0]?.id ?? "");
  const asksPhone = gateways.find((g) => g.id === gatewayId)?.asksPhone ?? false;
  return (
    <ActionForm action={action} submitLabel="Pay now" pendingText="Starting the payment…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        return (
          <>
            <Token />
            {Object.entries(hidden).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-gray-900">Pay for</legend>
              {choices.map((c, i) => (
                <label key={c.purpose} className="flex items-center gap-3 rounded-md border border-gray-200 p-3 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                  <input type="radio" name="purpose" value={c.purpose} defaultChecked={(state.values?.purpose ?? choices[0]?.purpose) === c.purpose || (i === 0 && !state.values?.purpose)} className="size-4" />
                  <span className="flex-1">{c.label}</span>
                  <span className="font-semibold tabular-nums">{c.amount}</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-gray-900">Pay with</legend>
              <div className="flex flex-wrap gap-2">
                {gateways.map((g) => (
                  <label key={g.id} className="flex items-center gap-2 rounded-md border border-gray-200 px-3 py-2 text-sm has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50">
                    <input type="radio" name="gatewayId" value={g.id} checked={gatewayId === g.id} onChange={() => setGatewayId(g.id)} className="size-4" />
                    {g.name}
                  </label>
                ))}
              </div>
              {e.gatewayId && <p className="text-sm text-red-700">{e.gatewayId[0]}</p>}
            </fieldset>
            {asksPhone && (
              <Field label="M-Pesa phone number" name="phone" error={e.phone} hint="You get a prompt on this phone: enter your PIN there.">
                <Input inputMode="tel" autoComplete="tel" defaultValue={state.values?.phone ?? phone ?? ""} className="max-w-64" />
              </Field>
            )}
          </>
        );
      }}
    </ActionForm>
  );
}
