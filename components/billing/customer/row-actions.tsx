"use client";

// Corrections from a row of the invoices or payments table (billing:manage): void or credit an
// invoice, reverse a payment. Each asks why; the reason is kept on the document and in the audit.
import { creditInvoiceAction, reversePaymentAction, voidInvoiceAction } from "@/app/_actions/billing-customer";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ActionDialog } from "./action-dialog";
import { ReasonField } from "./reason-field";

export function InvoiceRowActions({ invoiceId, number, canVoid, canCredit, openText, currency }: { invoiceId: string; number: string; canVoid: boolean; canCredit: boolean; openText: string; currency: string }) {
  return (
    <div className="flex justify-end gap-1">
      {canVoid && (
        <ActionDialog
          action={voidInvoiceAction}
          triggerLabel="Void"
          triggerVariant="ghost"
          triggerAriaLabel={`Void invoice ${number}`}
          title={`Void invoice ${number}`}
          description="For an invoice that should never have been issued. It keeps its number; payments on it go back to the customer's credit."
          submitLabel="Void invoice"
          submitVariant="danger"
          pendingText="Voiding…"
          fields={{ invoiceId }}
        >
          {(s) => <ReasonField s={s} required />}
        </ActionDialog>
      )}
      {canCredit && (
        <ActionDialog
          action={creditInvoiceAction}
          triggerLabel="Credit note"
          triggerVariant="ghost"
          triggerAriaLabel={`Credit note for invoice ${number}`}
          title={`Credit note for invoice ${number}`}
          description={`Reduces what the invoice asks for; still creditable: ${openText}.`}
          submitLabel="Issue credit note"
          pendingText="Issuing…"
          fields={{ invoiceId }}
        >
          {(s) => (
            <>
              <Field label={`Amount (${currency})`} name="amount" error={s.fieldErrors?.amount} hint="Empty: everything still creditable.">
                <Input inputMode="decimal" autoComplete="off" defaultValue={s.values?.amount ?? ""} />
              </Field>
              <ReasonField s={s} required />
            </>
          )}
        </ActionDialog>
      )}
    </div>
  );
}

export function ReversePaymentButton({ paymentId, receipt }: { paymentId: string; receipt: string }) {
  return (
    <ActionDialog
      action={reversePaymentAction}
      triggerLabel="Reverse"
      triggerVariant="ghost"
      triggerAriaLabel={`Reverse payment ${receipt}`}
      title={`Reverse payment ${receipt}`}
      description="For money that did not arrive or was recorded by mistake: the invoices it paid reopen and the receipt is marked reversed. Nothing is deleted."
      submitLabel="Reverse payment"
      submitVariant="danger"
      pendingText="Reversing…"
      fields={{ paymentId }}
    >
      {(s) => <ReasonField s={s} required />}
    </ActionDialog>
  );
}
