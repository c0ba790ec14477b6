"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ChoiceSelect, type Choice } from "@/components/forms/choice-select";
import { STATUS_LABELS, toChoices } from "@/components/format";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

type Defaults = {
  id: string;
  username: string;
  name: string;
  mobile: string | null;
  email: string | null;
  address: string | null;
  status: string;
  operatorId: string | null;
};

type Props = {
  action: FormAction;
  customer?: Defaults;
  /** Who may own the customer; omitted when the actor is the only possible owner. */
  owners?: Choice[];
  /** Label of the "no reseller" choice (staff only). */
  ispOwnerLabel?: string;
};

export function CustomerForm({ action, customer, owners, ispOwnerLabel }: Props) {
  const editing = Boolean(customer);
  return (
    <ActionForm action={action} submitLabel={editing ? "Save changes" : "Create customer"}>
      {(state) => {
        const v = { ...(customer ?? {}), ...state.values } as Record<string, string | null | undefined>;
        const e = state.fieldErrors ?? {};
        return (
          <>
            {customer && <input type="hidden" name="id" value={customer.id} />}
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
            <div className="grid gap-4 sm:grid-cols-2">
              {owners && (
                <Field label="Owner" name="operatorId" error={e.operatorId}>
                  <ChoiceSelect choices={owners} defaultValue={v.operatorId ?? ""} placeholder={ispOwnerLabel} />
                </Field>
              )}
              {editing && (
                <Field label="Status" name="status" error={e.status}>
                  <ChoiceSelect choices={toChoices(STATUS_LABELS)} defaultValue={v.status ?? "ACTIVE"} />
                </Field>
              )}
            </div>
          </>
        );
      }}
    </ActionForm>
  );
}
