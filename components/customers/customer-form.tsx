"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ChoiceSelect, type Choice } from "@/components/forms/choice-select";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { CustomerFormValues } from "@/lib/customers/customer-form-values";

type Editing = {
  id: string;
  username: string;
  /** Every field as the form shows it (lib/customers/customer-form-values.ts). */
  values: CustomerFormValues;
};

const CONNECTION_TYPES = [
  { value: "PPPOE", label: "PPPoE" },
  { value: "HOTSPOT", label: "Hotspot" },
  { value: "STATIC", label: "Static IP" },
];

type Props = {
  action: FormAction;
  /** The customer being edited; its select values must be among the choices (the page adds them). */
  customer?: Editing;
  /** Who may own the customer; omitted when the actor is the only possible owner. */
  owners?: Choice[];
  /** Label of the "no reseller" choice (staff only). */
  ispOwnerLabel?: string;
  packages: Choice[];
  /** The ISP's routers (staff only); without them the form leaves the customer's router as it is. */
  routers?: Choice[];
  timeZone: string;
};

export function CustomerForm({ action, customer, owners, ispOwnerLabel, packages, routers, timeZone }: Props) {
  const editing = Boolean(customer);
  return (
    <ActionForm action={action} submitLabel={editing ? "Save changes" : "Create customer"}>
      {(state) => {
        const v = { ...customer?.values, ...state.values } as Record<string, string | null | undefined>;
        const e = state.fieldErrors ?? {};
        return (
          <>
            {customer && <input type="hidden" name="id" value={customer.id} />}
            {/* What this form showed: the save writes only the fields posted differently. */}
            {customer && <input type="hidden" name="base" value={JSON.stringify(shownFields(customer.values, { routers: Boolean(routers?.length), owners: Boolean(owners) }))} />}
            <div className="grid gap-4 sm:grid-cols-2">
              {editing ? (
                <div className="space-y-1.5">
                  <p className="text-sm font-medium text-gray-700">Username</p>
                  <p className="font-mono text-sm">{customer!.username}</p>
                </div>
              ) : (
                <Field label="Username" name="username" error={e.username} required>
                  <Input defaultValue={v.username ?? ""} autoCapitalize="none" spellCheck={false} autoComplete="off" />
                </Field>
              )}
              <Field
                label={editing ? "New password" : "Password"}
                name="password"
                error={e.password}
                hint={editing ? "Leave empty to keep the current password." : "At least 6 characters."}
                required={!editing}
              >
                <Input type="password" autoComplete="new-password" />
              </Field>
            </div>
            <Field label="Full name" name="name" error={e.name} required>
              <Input defaultValue={v.name ?? ""} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Mobile" name="mobile" error={e.mobile}>
                <Input type="tel" defaultValue={v.mobile ?? ""} />
              </Field>
              <Field label="Customer email" name="email" error={e.email}>
                <Input type="email" defaultValue={v.email ?? ""} />
              </Field>
            </div>
            <Field label="Address" name="address" error={e.address}>
              <Textarea rows={2} defaultValue={v.address ?? ""} />
            </Field>
            <fieldset className="space-y-4 rounded-lg border border-gray-200 p-4">
              <legend className="px-1 text-sm font-semibold text-gray-900">Service</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Connection type" name="connectionType" error={e.connectionType}>
                  <ChoiceSelect choices={CONNECTION_TYPES} defaultValue={v.connectionType ?? "PPPOE"} />
                </Field>
                <Field label="Package" name="packageId" error={e.packageId}>
                  <ChoiceSelect choices={packages} defaultValue={v.packageId ?? ""} placeholder="No package (no access)" />
                </Field>
              </div>
              {routers && routers.length > 0 && (
                <Field
                  label="Router"
                  name="routerId"
                  error={e.routerId}
                  hint="Where the customer connects. Required for routers in API mode (the customer is provisioned there); with RADIUS any router may serve it."
                >
                  <ChoiceSelect choices={routers} defaultValue={v.routerId ?? ""} placeholder="Any router (RADIUS)" />
                </Field>
              )}
              <Field label="Expires at" name="expiresAt" error={e.expiresAt} hint={`Access ends at this moment (${timeZone} time). Empty: no expiry.`}>
                <Input type="datetime-local" defaultValue={v.expiresAt ?? ""} />
              </Field>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Static IP" name="staticIp" error={e.staticIp} hint="Sent as Framed-IP-Address; required for static customers.">
                  <Input defaultValue={v.staticIp ?? ""} spellCheck={false} />
                </Field>
                <Field label="MAC address" name="macAddress" error={e.macAddress} hint="Hotspot customers log in by it automatically.">
                  <Input defaultValue={v.macAddress ?? ""} spellCheck={false} />
                </Field>
              </div>
              <label className="flex items-center gap-2 text-sm text-gray-700">
                <input type="checkbox" name="macLock" defaultChecked={v.macLock === "on"} className="size-4 rounded border-gray-300" />
                Accept logins only from this MAC address
              </label>
            </fieldset>
            <Field label="Notes" name="notes" error={e.notes}>
              <Textarea rows={2} defaultValue={v.notes ?? ""} />
            </Field>
            <div className="grid gap-4 sm:grid-cols-2">
              {owners && (
                <Field label="Owner" name="operatorId" error={e.operatorId}>
                  <ChoiceSelect choices={owners} defaultValue={v.operatorId ?? ""} placeholder={ispOwnerLabel} />
                </Field>
              )}
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}

/**
 * The values of the fields this form renders (a field it leaves out is not in the base either).
 * Status is not one: it changes through the page's Suspend / Activate / Pause buttons.
 */
function shownFields(values: CustomerFormValues, shows: { routers: boolean; owners: boolean }): Partial<CustomerFormValues> {
  const { routerId, operatorId, status: _status, ...always } = values;
  void _status;
  return { ...always, ...(shows.routers ? { routerId } : {}), ...(shows.owners ? { operatorId } : {}) };
}
