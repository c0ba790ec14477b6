"use client";

// The buttons that replace the status field of the edit form: Renew, Record payment, New invoice
// (money, billing:collect / billing:manage) and Suspend, Activate, Pause (customers:manage), each
// offered only where the customer's state allows it.
import { activateCustomerAction, createInvoiceAction, disableCustomerAction, pauseCustomerAction, recordPaymentAction, renewCustomerAction, suspendCustomerAction } from "@/app/_actions/billing-customer";
import { ChoiceSelect } from "@/components/forms/choice-select";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ActionDialog } from "./action-dialog";
import { ReasonField } from "./reason-field";
import { InvoiceLinesEditor } from "./invoice-lines-editor";

export const PAYMENT_METHODS = [
  { value: "CASH", label: "Cash" },
  { value: "BANK_TRANSFER", label: "Bank transfer" },
  { value: "MOBILE_MONEY", label: "Mobile money" },
  { value: "CARD", label: "Card" },
  { value: "OTHER", label: "Other" },
];

const PAY_WITH = [...PAYMENT_METHODS.filter((m) => m.value !== "OTHER"), { value: "CREDIT", label: "Customer credit" }, { value: "ON_ACCOUNT", label: "On account (invoice, pay later)" }];

export type CustomerActionsProps = {
  customerId: string;
  customerName: string;
  status: string;
  can: { manageStatus: boolean; collect: boolean; manage: boolean };
  /** Set when the customer can be renewed (a package, not billed monthly, not disabled). */
  renew: { packageName: string; priceText: string; expiryText: string } | null;
  /** What the customer owes, as an amount input shows it ("1500.00"); "" when nothing. */
  owedInput: string;
  currency: string;
};

export function CustomerActions({ customerId, customerName, status, can, renew, owedInput, currency }: CustomerActionsProps) {
  const id = { customerId };
  const suspendable = ["ACTIVE", "EXPIRED", "PAUSED"].includes(status);
  const activatable = ["SUSPENDED", "PAUSED", "DISABLED"].includes(status);
  const pausable = ["ACTIVE", "SUSPENDED"].includes(status);
  const disableable = ["ACTIVE", "SUSPENDED", "EXPIRED", "PAUSED"].includes(status);
  return (
    <div className="flex flex-wrap gap-2" data-testid="customer-actions">
      {can.collect && renew && (
        <ActionDialog
          action={renewCustomerAction}
          triggerLabel="Renew"
          triggerVariant="primary"
          title={`Renew ${customerName}`}
          description={`${renew.packageName}: ${renew.priceText} per period, from ${renew.expiryText}.`}
          submitLabel="Renew"
          pendingText="Renewing…"
          fields={id}
          oneTime
        >
          {(s) => {
            const e = s.fieldErrors ?? {};
            return (
              <>
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label="Pay with" name="payWith" error={e.payWith}>
                    <ChoiceSelect choices={PAY_WITH} defaultValue={s.values?.payWith ?? "CASH"} />
                  </Field>
                  <Field label="Periods" name="periods" error={e.periods} hint="1 to 24.">
                    <Input type="number" inputMode="numeric" min={1} max={24} step={1} defaultValue={s.values?.periods ?? "1"} />
                  </Field>
                </div>
                <Field label="Reference" name="reference" error={e.reference} hint="Bank or mobile money reference, if any.">
                  <Input defaultValue={s.values?.reference ?? ""} autoComplete="off" />
                </Field>
              </>
            );
          }}
        </ActionDialog>
      )}
      {can.collect && (
        <ActionDialog action={recordPaymentAction} triggerLabel="Record payment" title={`Record a payment from ${customerName}`} description="It pays open invoices oldest first; anything over stays as credit." submitLabel="Record payment" pendingText="Recording…" fields={id} oneTime>
          {(s) => {
            const e = s.fieldErrors ?? {};
            return (
              <>
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label="Method" name="method" error={e.method}>
                    <ChoiceSelect choices={PAYMENT_METHODS} defaultValue={s.values?.method ?? "CASH"} />
                  </Field>
                  <Field label={`Amount (${currency})`} name="amount" error={e.amount} required>
                    <Input inputMode="decimal" autoComplete="off" defaultValue={s.values?.amount ?? owedInput} />
                  </Field>
                </div>
                <Field label="Reference" name="reference" error={e.reference} hint="Bank or mobile money reference.">
                  <Input defaultValue={s.values?.reference ?? ""} autoComplete="off" />
                </Field>
                <Field label="Notes" name="notes" error={e.notes}>
                  <Textarea rows={2} defaultValue={s.values?.notes ?? ""} />
                </Field>
              </>
            );
          }}
        </ActionDialog>
      )}
      {can.manage && (
        <ActionDialog action={createInvoiceAction} triggerLabel="New invoice" title={`New invoice for ${customerName}`} description="Issued at once with the next number; credit the customer holds pays it." submitLabel="Issue invoice" pendingText="Issuing…" fields={id} oneTime wide>
          {(s) => <InvoiceLinesEditor state={s} currency={currency} />}
        </ActionDialog>
      )}
      {can.manageStatus && suspendable && (
        <ActionDialog action={suspendCustomerAction} triggerLabel="Suspend" title={`Suspend ${customerName}`} description="Service stops now (live sessions are cut) until someone activates the customer." submitLabel="Suspend" submitVariant="danger" pendingText="Suspending…" fields={id}>
          {(s) => <ReasonField s={s} hint="Kept in the audit log." />}
        </ActionDialog>
      )}
      {can.manageStatus && activatable && (
        <ActionDialog
          action={activateCustomerAction}
          triggerLabel="Activate"
          title={`Activate ${customerName}`}
          description="Service resumes now. A lock for non-payment stays until the debt is paid."
          submitLabel="Activate"
          pendingText="Activating…"
          fields={id}
        />
      )}
      {can.manageStatus && pausable && (
        <ActionDialog action={pauseCustomerAction} triggerLabel="Pause" title={`Pause ${customerName}`} description="At the customer's request: no service and no invoices until activated." submitLabel="Pause" pendingText="Pausing…" fields={id} />
      )}
      {can.manageStatus && disableable && (
        <ActionDialog
          action={disableCustomerAction}
          triggerLabel="Disable"
          title={`Disable ${customerName}`}
          description="The customer has left: no service and no invoices. The account, its invoices, receipts and balance are kept, and Activate brings it back."
          submitLabel="Disable"
          submitVariant="danger"
          pendingText="Disabling…"
          fields={id}
        >
          {(s) => <ReasonField s={s} hint="Kept in the audit log." />}
        </ActionDialog>
      )}
    </div>
  );
}
