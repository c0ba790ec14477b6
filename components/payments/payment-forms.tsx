"use client";

// The online payment forms: a gateway (its kind's settings and secrets; secrets are never shown,
// left empty they stay as stored), its test, money in suspense given to a customer, and a payment
// started for a customer from the counter.
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Token } from "@/components/resellers/money-forms";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { GatewayForm as GatewayFormSpec } from "@/lib/payments/gateways/fields";

export interface GatewayValues {
  id?: string;
  name: string;
  mode: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secretsSet: string[];
}

export function GatewayForm({ action, kind, spec, gateway }: { action: FormAction; kind: string; spec: GatewayFormSpec; gateway?: GatewayValues }) {
  return (
    <ActionForm action={action} submitLabel={gateway ? "Save changes" : "Add gateway"} pendingText="Saving…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        const v = state.values ?? {};
        const setting = (name: string) => v[`settings.${name}`] ?? String(gateway?.settings[name] ?? "");
        return (
          <>
            <input type="hidden" name="kind" value={kind} />
            {gateway?.id && <input type="hidden" name="id" value={gateway.id} />}
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name customers see" name="name" error={e.name} required>
                <Input defaultValue={v.name ?? gateway?.name ?? spec.label} maxLength={80} />
              </Field>
              <Field label="Mode" name="mode" error={e.mode} hint="Sandbox: test money only. Live: real money." required>
                <Select defaultValue={v.mode ?? gateway?.mode ?? "SANDBOX"}>
                  <option value="SANDBOX">Sandbox</option>
                  <option value="LIVE">Live</option>
                </Select>
              </Field>
              {spec.settings.map((f) => (
                <Field key={f.name} label={f.label} name={`settings.${f.name}`} error={e[`settings.${f.name}`]} hint={f.hint} required={f.required}>
                  {f.options ? (
                    <Select defaultValue={setting(f.name) || f.options[0]!.value}>
                      {f.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Input defaultValue={setting(f.name)} autoComplete="off" />
                  )}
                </Field>
              ))}
              {spec.secrets.map((f) => {
                const set = gateway?.secretsSet.includes(f.name);
                return (
                  <Field key={f.name} label={f.label} name={`secret.${f.name}`} error={e[`secret.${f.name}`]} hint={set ? "Set. Leave empty to keep it." : f.hint} required={f.required && !set}>
                    <Input type="password" autoComplete="new-password" placeholder={set ? "••••••••" : undefined} />
                  </Field>
                );
              })}
            </div>
            <Checkbox name="enabled" label="Customers can pay with it" defaultChecked={v.enabled ? v.enabled === "on" : (gateway?.enabled ?? true)} />
          </>
        );
      }}
    </ActionForm>
  );
}

export function TestGatewayForm({ action, gatewayId, askPhone, offerPayment }: { action: FormAction; gatewayId: string; askPhone: boolean; offerPayment: boolean }) {
  return (
    <ActionForm action={action} submitLabel="Test" pendingText="Asking the gateway…">
      {(state) => (
        <>
          <input type="hidden" name="gatewayId" value={gatewayId} />
          {offerPayment && !askPhone && <Checkbox name="testPayment" label="Also start a test payment of the smallest amount (its money lands in suspense)" />}
          {askPhone && (
            <Field label="Phone for a test payment" name="phone" id={`test-phone-${gatewayId}`} error={state.fieldErrors?.phone} hint="Optional: a prompt for the smallest amount is sent to it; the money lands in suspense.">
              <Input inputMode="tel" defaultValue={state.values?.phone ?? ""} className="max-w-64" />
            </Field>
          )}
        </>
      )}
    </ActionForm>
  );
}

export function AllocateForm({ action, gatewayPaymentId }: { action: FormAction; gatewayPaymentId: string }) {
  return (
    <ActionForm action={action} submitLabel="Allocate" pendingText="Allocating…" className="flex flex-wrap items-start gap-2">
      {(state) => (
        <>
          <input type="hidden" name="gatewayPaymentId" value={gatewayPaymentId} />
          <Field label="Customer's username" name="username" id={`allocate-${gatewayPaymentId}`} error={state.fieldErrors?.username}>
            <Input defaultValue={state.values?.username ?? ""} className="max-w-48 font-mono" />
          </Field>
        </>
      )}
    </ActionForm>
  );
}

export function StartPaymentForm({ action, customerId, gateways, phone }: { action: FormAction; customerId: string; gateways: { id: string; name: string }[]; phone: string | null }) {
  return (
    <ActionForm action={action} submitLabel="Send the payment request" pendingText="Asking the gateway…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        const v = state.values ?? {};
        return (
          <>
            <Token />
            <input type="hidden" name="customerId" value={customerId} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Gateway" name="gatewayId" id="request-gatewayId" error={e.gatewayId} required>
                <Select defaultValue={v.gatewayId ?? gateways[0]?.id ?? ""}>
                  {gateways.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="For" name="purpose" id="request-purpose" error={e.purpose} required>
                <Select defaultValue={v.purpose ?? "RENEWAL"}>
                  <option value="RENEWAL">The next period (prepaid)</option>
                  <option value="BALANCE">What is owed, or an amount</option>
                </Select>
              </Field>
              <Field label="Amount" name="amount" id="request-amount" error={e.amount} hint="Empty: what is owed.">
                <Input inputMode="decimal" defaultValue={v.amount ?? ""} />
              </Field>
              <Field label="Phone" name="phone" id="request-phone" error={e.phone} hint="Mobile money: the prompt goes to it.">
                <Input inputMode="tel" defaultValue={v.phone ?? phone ?? ""} />
              </Field>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}

export function PaymentLinkForm({ action, customerId }: { action: FormAction; customerId: string }) {
  return (
    <ActionForm action={action} submitLabel="Make a payment link" pendingText="Making the link…">
      {(state) => {
        const e = state.fieldErrors ?? {};
        const v = state.values ?? {};
        return (
          <>
            <input type="hidden" name="customerId" value={customerId} />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Amount" name="amount" id="link-amount" error={e.amount} hint="Empty: the customer pays the next period or what is owed.">
                <Input inputMode="decimal" defaultValue={v.amount ?? ""} />
              </Field>
              <Field label="Valid for (days)" name="days" id="link-days" error={e.days}>
                <Input inputMode="numeric" defaultValue={v.days ?? "14"} />
              </Field>
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}

export function RefundForm({ action, gatewayPaymentId }: { action: FormAction; gatewayPaymentId: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-indigo-700">Refund</summary>
      <ActionForm action={action} submitLabel="Refund it all" pendingText="Asking the gateway…" className="mt-2 space-y-2">
        {(state) => (
          <>
            <input type="hidden" name="gatewayPaymentId" value={gatewayPaymentId} />
            <Field label="Why" name="reason" id={`refund-${gatewayPaymentId}`} error={state.fieldErrors?.reason} required>
              <Input defaultValue={state.values?.reason ?? ""} maxLength={200} className="max-w-56" />
            </Field>
          </>
        )}
      </ActionForm>
    </details>
  );
}
