"use client";

import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { ChoiceSelect, type Choice } from "@/components/forms/choice-select";
import { BILLING_MODE_LABELS, ROLE_LABELS, STATUS_LABELS, toChoices } from "@/components/format";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { bpToPercentText } from "@/lib/money/percent-to-bp";

type Defaults = {
  id: string;
  role: string;
  name: string;
  email: string;
  commissionShareBp: number;
  billingMode: string;
  status: string;
};

type Props = {
  action: FormAction;
  /** Present when editing. */
  operator?: Defaults;
  roles: string[];
  /** Resellers to hang a sub-reseller under; omitted when the parent is implied (a reseller creating). */
  parents?: Choice[];
};

export function OperatorForm({ action, operator, roles, parents }: Props) {
  const editing = Boolean(operator);
  return (
    <ActionForm action={action} submitLabel={editing ? "Save changes" : "Create operator"}>
      {(state) => {
        const v = { ...(operator ? { ...operator, commissionShare: bpToPercentText(operator.commissionShareBp) } : {}), ...state.values } as Record<string, string | undefined>;
        const e = state.fieldErrors ?? {};
        const role = v.role ?? roles[0];
        const isReseller = role === "RESELLER" || role === "SUB_RESELLER";
        return (
          <>
            {operator && <input type="hidden" name="id" value={operator.id} />}
            {editing ? (
              <p className="text-sm text-gray-600">
                Role: <strong>{ROLE_LABELS[operator!.role]}</strong> · {operator!.email}
              </p>
            ) : (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Role" name="role" error={e.role} required>
                  <ChoiceSelect choices={toChoices(ROLE_LABELS, roles)} defaultValue={role} />
                </Field>
                {parents && (
                  <Field label="Parent reseller" name="parentId" error={e.parentId} hint="Only for sub-resellers.">
                    <ChoiceSelect choices={parents} defaultValue={v.parentId} placeholder="None" />
                  </Field>
                )}
              </div>
            )}
            <Field label="Name" name="name" error={e.name} required>
              <Input defaultValue={v.name} autoComplete="off" />
            </Field>
            {!editing && (
              <Field label="Email" name="email" error={e.email} required>
                <Input type="email" defaultValue={v.email} autoComplete="off" />
              </Field>
            )}
            <Field
              label={editing ? "New password" : "Password"}
              name="password"
              error={e.password}
              hint={editing ? "Leave empty to keep the current password. Setting one signs the operator out everywhere." : "At least 8 characters."}
              required={!editing}
            >
              <Input type="password" autoComplete="new-password" />
            </Field>
            {(isReseller || !editing) && (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Commission share (%)" name="commissionShare" error={e.commissionShare} hint="Resellers: share of each payment. Sub-resellers: share of the parent's share.">
                  <Input inputMode="decimal" defaultValue={v.commissionShare ?? "0"} />
                </Field>
                <Field label="Billing mode" name="billingMode" error={e.billingMode} hint="Prepaid: recharges spend its wallet. Postpaid: they add to what it owes, up to the credit limit.">
                  <ChoiceSelect choices={toChoices(BILLING_MODE_LABELS)} defaultValue={v.billingMode ?? "PREPAID"} />
                </Field>
                <Field label="Credit limit (postpaid)" name="creditLimit" error={e.creditLimit} hint={operator ? "How much a postpaid reseller may owe (shown on its wallet card). Empty keeps the current limit." : "How much a postpaid reseller may owe. Owners and admins only."}>
                  <Input inputMode="decimal" defaultValue={v.creditLimit ?? ""} />
                </Field>
              </div>
            )}
            {editing && !isReseller && <input type="hidden" name="billingMode" value={v.billingMode ?? "PREPAID"} />}
            {editing && (
              <Field label="Status" name="status" error={e.status} hint="Suspending or disabling signs the operator out.">
                <ChoiceSelect choices={toChoices(STATUS_LABELS, ["ACTIVE", "SUSPENDED", "DISABLED"])} defaultValue={v.status} />
              </Field>
            )}
          </>
        );
      }}
    </ActionForm>
  );
}
