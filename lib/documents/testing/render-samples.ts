// Writes sample PDFs to a directory so a person can look at them (convert -density 110 x.pdf x.png).
import { mkdirSync, writeFileSync } from "node:fs";
import { renderInvoicePdf } from "../invoice-pdf";
import { HOSTILE, sampleInvoice, sampleLine, sampleTenant } from "./fixtures";

const dir = process.argv[2] ?? "/tmp/documents";
mkdirSync(dir, { recursive: true });
const tenant = sampleTenant();
const one = sampleInvoice([sampleLine(0, { description: "Home Fibre 20 Mbps, December 2026" }), sampleLine(1, { description: "Router rental", taxRateBp: 0, taxMinor: 0n, totalMinor: 150_100n }), sampleLine(3, { description: "Installation fee (one-time), discounted for the Christmas offer" })]);
writeFileSync(`${dir}/invoice-1.pdf`, await renderInvoicePdf(one, tenant));
const many = sampleInvoice(Array.from({ length: 200 }, (_, i) => sampleLine(i, i % 17 === 5 ? { description: HOSTILE[i % HOSTILE.length]! } : {})), { status: "draft", number: null });
writeFileSync(`${dir}/invoice-200.pdf`, await renderInvoicePdf(many, tenant));
const hostile = sampleInvoice(HOSTILE.map((d, i) => sampleLine(i, { description: d })), {
  status: "void",
  customer: { name: HOSTILE[5]!, username: HOSTILE[0]!, address: HOSTILE[2]!, email: HOSTILE[1]!, mobile: HOSTILE[4]! },
  notes: HOSTILE.join("\n"),
});
writeFileSync(`${dir}/invoice-hostile.pdf`, await renderInvoicePdf(hostile, { ...tenant, name: HOSTILE[4]!, legalName: HOSTILE[0]!, address: HOSTILE[1]! }));
const credit = sampleInvoice([sampleLine(0, { description: "Refund of unused days: Home Fibre 20 Mbps (12 of 31 days)", quantity: "12" })], {
  kind: "credit_note",
  number: "INV-2026-000123-C1",
  status: "issued",
  creditedInvoiceNumber: "INV-2026-000123",
  customer: { name: "Иван Петров", username: "ivan.p", address: "ул. Ленина 5, кв. 12" },
});
writeFileSync(`${dir}/credit-note.pdf`, await renderInvoicePdf(credit, { ...tenant, logo: null }));
console.log("written to", dir);
const { renderReceiptPdf } = await import("../receipt-pdf");
const { sampleReceipt } = await import("./fixtures");
writeFileSync(`${dir}/receipt.pdf`, await renderReceiptPdf(sampleReceipt(), tenant));
writeFileSync(`${dir}/receipt-thermal.pdf`, await renderReceiptPdf(sampleReceipt({ method: "bank_transfer", reference: "FT26339XK2 / Equity", customer: { name: "মোঃ রহিম উদ্দিন", username: "rahim" } }), tenant, { format: "thermal80" }));
