"use client";

// The resellers' money forms: a wallet movement (staff: top-up or pay-out in cash or by bank;
// a reseller: to or from its sub-reseller's wallet), a recharge from the wallet, a commission
// payout. Each carries a one-time token so a double submit moves the money once.
import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { oneTimeToken } from "@/components/billing/customer/one-time-token";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** A fresh token each time the form's fields mount (after every answer). */
export function Token() {
  const [token] = useState(oneTimeToken);
  return <input type="hidden" name="idempotencyKey" value={token} />;
}

type Hidden = Record<string, string>;

/** An action form with its one-time token and hidden fields; children get the errors and echoed values. */
function MoneyForm({ action, submitLabel, pendingText, hidden, children }: { action: FormAction; submitLabel: string; pendingText: string; hidden: Hidden; children: (e: Record<string, string[] | undefined>, v: Record<string, string>) => React.ReactNode }) {
  return (
    <ActionForm action={action} submitLabel={submitLabel} pendingText={pendingText}>
      {(state) => (
        <>
          <Token />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children(state.fieldErrors ?? {}, state.values ?? {})}
        </>
      )}
    </ActionForm>
  );
}

export function WalletMoveForm({ action, operatorId, staff, canPayOut, currency }: { action: FormAction; operatorId: string; staff: boolean; canPayOut: boolean; currency: string }) {
  return (
    <MoneyForm action={action} submitLabel="Move money" pendingText="Moving…" hidden={{ operatorId }}>
      {(e, v) => (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="What" name="direction" error={e.direction}>
                <Select defaultValue={v.direction ?? "IN"}>
                  <option value="IN">{staff ? "Top up (money received)" : "Top up from my wallet"}</option>
                  {(canPayOut || !staff) && <option value="OUT">{staff ? "Pay out (money returned)" : "Take back to my wallet"}</option>}
                </Select>
              </Field>
              {staff ? (
                <Field label="How" name="via" error={e.via}>
                  <Select defaultValue={v.via ?? "CASH"}>
                    <option value="CASH">Cash</option>
                    <option value="BANK_TRANSFER">Bank transfer</option>
                  </Select>
                </Field>
              ) : (
                <input type="hidden" name="via" value="WALLET" />
              )}
              <Field label={`Amount (${currency})`} name="amount" error={e.amount} required>
                <Input inputMode="decimal" autoComplete="off" defaultValue={v.amount ?? ""} />
              </Field>
              <Field label="Reference" name="reference" error={e.reference} hint="Receipt book, bank reference.">
                <Input defaultValue={v.reference ?? ""} maxLength={120} />
              </Field>
            </div>
            <Field label="Note" name="note" error={e.note}>
              <Input defaultValue={v.note ?? ""} maxLength={300} />
            </Field>
          </>
      )}
    </MoneyForm>
  );
}

export function RechargeForm({ action, customerId, costText }: { action: FormAction; customerId: string; costText: string }) {
  return (
    <MoneyForm action={action} submitLabel="Recharge from my wallet" pendingText="Recharging…" hidden={{ customerId }}>
      {(e, v) => (
          <>
            <p className="text-sm text-gray-600">{costText}</p>
            <Field label="Periods" name="periods" error={e.periods} hint="1 to 24 validity periods of the customer's package.">
              <Input inputMode="numeric" defaultValue={v.periods ?? "1"} className="max-w-32" />
            </Field>
          </>
      )}
    </MoneyForm>
  );
}

export function PayoutForm({ action, operatorId, currency }: { action: FormAction; operatorId: string; currency: string }) {
  return (
    <MoneyForm action={action} submitLabel="Pay out" pendingText="Paying out…" hidden={{ operatorId }}>
      {(e, v) => (
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="To" name="to" error={e.to}>
                <Select defaultValue={v.to ?? "WALLET"}>
                  <option value="WALLET">Its wallet</option>
                  <option value="CASH">Cash</option>
                  <option value="BANK_TRANSFER">Bank transfer</option>
                </Select>
              </Field>
              <Field label={`Amount (${currency})`} name="amount" error={e.amount} required>
                <Input inputMode="decimal" autoComplete="off" defaultValue={v.amount ?? ""} />
              </Field>
              <Field label="Reference" name="reference" error={e.reference}>
                <Input defaultValue={v.reference ?? ""} maxLength={120} />
              </Field>
            </div>
      )}
    </MoneyForm>
  );
}
