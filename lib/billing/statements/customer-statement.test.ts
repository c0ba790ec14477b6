// The panel's numbers against the books: the statement's running balance ends where the ledger
// balances are, allocations move nothing, and the documents carry what billing stored.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";
import { createInvoice, creditInvoice } from "../invoices/invoice-services";
import { recordPayment, reversePayment } from "../payments/payment-services";
import { getCustomerBilling } from "./customer-billing";
import { getCustomerStatement } from "./customer-statement";
import { getInvoiceDocument, quantityText } from "./invoice-document";
import { getReceiptDocument } from "./receipt-document";

describe("customer statement and billing panel", () => {
  it("starts empty for a customer with no money moved (and opens no accounts)", async () => {
    const t = await makeTenant();
    const customer = (await makeCustomer(t.owner))!;
    expect(await getCustomerStatement(t.owner, customer.id)).toMatchObject({ rows: [], openingMinor: 0n, closingMinor: 0n });
    expect(await getCustomerBilling(t.owner, customer.id)).toMatchObject({ receivableMinor: 0n, creditMinor: 0n, balanceMinor: 0n, invoices: [], payments: [] });
  });

  it("runs the balance through invoices, payments, overpayment, credit note and reversal", async () => {
    const t = await makeTenant();
    const customer = (await makeCustomer(t.owner))!;
    const inv = await createInvoice(t.owner, { customerId: customer.id, lines: [{ description: "Installation", unitPrice: "1000", quantity: "1.5" }], issue: true });
    const pay = await recordPayment(t.owner, { customerId: customer.id, method: "CASH", amount: "1600", idempotencyKey: randomUUID() });
    let view = await getCustomerBilling(t.owner, customer.id);
    expect(view).toMatchObject({ receivableMinor: 0n, creditMinor: 100_00n, balanceMinor: -100_00n });
    expect(view.payments[0]).toMatchObject({ receiptNumber: pay.payment.receiptNumber, collectorName: t.owner.name, status: "RECEIVED" });
    expect(view.invoices[0]).toMatchObject({ id: inv.id, status: "PAID", totalMinor: 1500_00n, paidMinor: 1500_00n });

    const receipt = await getReceiptDocument(t.owner, pay.payment.id);
    expect(receipt.document).toMatchObject({ amountMinor: 1600_00n, creditMinor: 100_00n, balanceAfterMinor: -100_00n, method: "cash", collectorName: t.owner.name });
    expect(receipt.document.allocations).toEqual([{ invoiceNumber: inv.number, amountMinor: 1500_00n }]);
    const printable = await getInvoiceDocument(t.owner, inv.id);
    expect(printable.document).toMatchObject({ status: "paid", totalMinor: 1500_00n, balanceMinor: 0n });
    expect(printable.document.lines[0]).toMatchObject({ quantity: "1.5", unitPriceMinor: 1000_00n });
    expect(printable.fileName).toBe(`${inv.number}.pdf`);

    const second = await createInvoice(t.owner, { customerId: customer.id, lines: [{ description: "Router", unitPrice: "300" }], issue: true });
    await creditInvoice(t.owner, { invoiceId: second.id, amount: "50", reason: "Goodwill" });
    await reversePayment(t.owner, { paymentId: pay.payment.id, reason: "Counterfeit note" });

    const statement = await getCustomerStatement(t.owner, customer.id);
    view = await getCustomerBilling(t.owner, customer.id);
    expect(statement.closingMinor).toBe(view.balanceMinor);
    expect(statement.rows.at(-1)!.balanceMinor).toBe(statement.closingMinor);
    // 1500 + 300 - 50 owed once the payment is gone.
    expect(view.balanceMinor).toBe(1750_00n);
    let running = 0n;
    for (const r of statement.rows) {
      running += r.receivableMinor - r.creditMinor;
      expect(r.balanceMinor).toBe(running);
    }
    expect(statement.rows[0]).toMatchObject({ receivableMinor: 1500_00n, creditMinor: 0n, balanceMinor: 1500_00n });
    // Allocations move money between the two accounts and leave the balance as it was.
    expect(statement.rows.some((r) => r.receivableMinor !== 0n && r.receivableMinor === r.creditMinor)).toBe(true);
    expect(view.payments[0]).toMatchObject({ status: "REVERSED", reversalReason: "Counterfeit note" });
    expect((await getReceiptDocument(t.owner, pay.payment.id)).reversed).toBe(true);
    const notes = view.invoices.filter((i) => i.kind === "CREDIT_NOTE");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.creditedInvoiceNumber).toBe(second.number);
    expect(view.invoices.find((i) => i.id === second.id)).toMatchObject({ hasCreditNotes: true, creditableMinor: 250_00n });
  });

  it("prints quantities from thousandths", () => {
    expect(quantityText(1000n)).toBe("1");
    expect(quantityText(1500n)).toBe("1.5");
    expect(quantityText(2125n)).toBe("2.125");
    expect(quantityText(50n)).toBe("0.05");
  });
});
