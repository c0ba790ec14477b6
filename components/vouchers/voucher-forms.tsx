"use client";

// The voucher forms: a batch (package, quantity, prefix, length, card expiry; staff may make it
// for a reseller), and a card redeemed for a customer.
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Token } from "@/components/resellers/money-forms";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

type Choice = { value: string; label: string };

export function VoucherBatchForm({ action, packages, owners }: { action: FormAction; packages: Choice[]; owners: Choice[] | null }) {
  return (
    <ActionForm action={action} submitLabel={owners ? "Make cards" : "Buy cards"} pendingText="Starting…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        const v = state.values ?? {};
        return (
          <>
            <Token />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Package" name="packageId" error={e.packageId} required>
                <Select defaultValue={v.packageId ?? ""}>
                  <option value="">Choose…</option>
                  {packages.map((p) => (
                    <option key={p.value} value={p.value}>
                      {p.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Quantity" name="quantity" error={e.quantity} hint="1 to 100,000 cards." required>
                <Input inputMode="numeric" defaultValue={v.quantity ?? "100"} />
              </Field>
              <Field label="Prefix" name="prefix" error={e.prefix} hint="Up to 8 letters or digits, printed before each code.">
                <Input defaultValue={v.prefix ?? ""} maxLength={8} />
              </Field>
              <Field label="Code length" name="codeLength" error={e.codeLength} hint="8 to 20 characters after the prefix.">
                <Input inputMode="numeric" defaultValue={v.codeLength ?? "12"} />
              </Field>
              <Field label="Cards expire on" name="cardExpiresOn" error={e.cardExpiresOn} hint="Empty: the cards do not expire.">
                <Input type="date" defaultValue={v.cardExpiresOn ?? ""} />
              </Field>
              {owners && (
                <Field label="For reseller" name="ownerId" error={e.ownerId} hint="It pays for the cards from its wallet. Empty: the ISP's own cards.">
                  <Select defaultValue={v.ownerId ?? ""}>
                    <option value="">The ISP</option>
                    {owners.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
            </div>
            <div className="mt-4">
              <Checkbox name="lockMac" label="Hotspot cards: lock each card to the first device that logs in with it" defaultChecked={v.lockMac === "on"} />
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}

export function RevokeForm({ action, batchId }: { action: FormAction; batchId: string }) {
  return (
    <ActionForm action={action} submitLabel="Revoke unused cards" pendingText="Revoking…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        const v = state.values ?? {};
        return (
          <>
            <input type="hidden" name="batchId" value={batchId} />
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="From serial" name="fromSerial" error={e.fromSerial} hint="Empty: the whole batch.">
                <Input inputMode="numeric" defaultValue={v.fromSerial ?? ""} />
              </Field>
              <Field label="To serial" name="toSerial" error={e.toSerial}>
                <Input inputMode="numeric" defaultValue={v.toSerial ?? ""} />
              </Field>
              <Field label="Reason" name="reason" error={e.reason} hint="Lost, stolen, not paid…" required>
                <Input defaultValue={v.reason ?? ""} maxLength={200} />
              </Field>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}

export function RedeemForm({ action, customerId }: { action: FormAction; customerId: string }) {
  return (
    <ActionForm action={action} submitLabel="Redeem card" pendingText="Redeeming…">
      {(state) => (
        <>
          <input type="hidden" name="customerId" value={customerId} />
          <Field label="Card code" name="code" error={state.fieldErrors?.code} hint="As printed; dashes and spaces do not matter.">
            <Input autoComplete="off" defaultValue={state.values?.code ?? ""} className="max-w-64 font-mono uppercase" />
          </Field>
        </>
      )}
    </ActionForm>
  );
}
