// Sample documents for the renderer tests and for looking at the output by eye
// (scripts: `tsx lib/documents/testing/render-samples.ts <dir>`).
import type { DocumentTenant, InvoiceDocument, InvoiceLine, ReceiptDocument } from "../types";

// A 1x1-ish PNG would hide layout problems; this is a 120x40 two-colour PNG drawn in code.
import { deflateSync } from "node:zlib";

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function samplePng(width = 120, height = 40): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let yy = 0; yy < height; yy++) {
    raw[yy * (width * 3 + 1)] = 0;
    for (let xx = 0; xx < width; xx++) {
      const o = yy * (width * 3 + 1) + 1 + xx * 3;
      const inMark = xx < height && Math.hypot(xx - height / 2, yy - height / 2) < height / 2 - 2;
      raw[o] = inMark ? 0x1f : 0xff;
      raw[o + 1] = inMark ? 0x6f : 0xff;
      raw[o + 2] = inMark ? 0xd0 : 0xff;
    }
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
}

export function sampleTenant(over: Partial<DocumentTenant> = {}): DocumentTenant {
  return {
    name: "SkyLink Net",
    legalName: "SkyLink Networks Ltd",
    address: "Plot 14, Ngong Road\nNairobi 00100, Kenya",
    taxId: "P051234567X",
    phone: "+254 700 000 111",
    email: "billing@skylink.example",
    logo: { bytes: samplePng(), mime: "image/png" },
    locale: "en-KE",
    timeZone: "Africa/Nairobi",
    currency: "KES",
    ...over,
  };
}

export function sampleLine(i: number, over: Partial<InvoiceLine> = {}): InvoiceLine {
  const unit = 150_000n + BigInt(i) * 100n;
  const discount = i % 3 === 0 ? 10_000n : 0n;
  const net = unit - discount;
  const tax = (net * 1600n + 5000n) / 10_000n;
  return {
    description: `Home Fibre 20 Mbps, month ${i + 1}`,
    quantity: "1",
    unitPriceMinor: unit,
    discountMinor: discount,
    netMinor: net,
    taxRateBp: 1600,
    taxMinor: tax,
    totalMinor: net + tax,
    ...over,
  };
}

/** An invoice whose totals are the sums of its lines (as billing would build it). */
export function sampleInvoice(lines: InvoiceLine[], over: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const sum = (f: (l: InvoiceLine) => bigint) => lines.reduce((s, l) => s + f(l), 0n);
  const subtotal = sum((l) => l.unitPriceMinor);
  const discount = sum((l) => l.discountMinor);
  const tax = sum((l) => l.taxMinor);
  const rates = [...new Set(lines.map((l) => l.taxRateBp))].sort((a, b) => a - b);
  const total = subtotal - discount + tax;
  const paid = over.paidMinor ?? 0n;
  return {
    kind: "invoice",
    number: "INV-2026-000123",
    status: "issued",
    issuedAt: new Date("2026-12-01T06:30:00Z"),
    dueAt: new Date("2026-12-08T20:59:59Z"),
    periodStart: new Date("2026-11-30T21:00:00Z"),
    periodEnd: new Date("2026-12-31T20:59:59Z"),
    customer: {
      name: "Wanjiru Kamau",
      username: "wanjiru.k",
      address: "House 7, Kilimani Estate\nNairobi",
      email: "wanjiru@example.com",
      mobile: "+254 711 222 333",
    },
    lines,
    taxBreakdown: rates.map((rateBp) => ({
      rateBp,
      netMinor: lines.filter((l) => l.taxRateBp === rateBp).reduce((s, l) => s + l.netMinor, 0n),
      taxMinor: lines.filter((l) => l.taxRateBp === rateBp).reduce((s, l) => s + l.taxMinor, 0n),
    })),
    subtotalMinor: subtotal,
    discountMinor: discount,
    taxMinor: tax,
    roundingMinor: 0n,
    totalMinor: total,
    paidMinor: paid,
    balanceMinor: total - paid,
    currency: "KES",
    notes: "Pay by M-Pesa Paybill 123456, account = your username.",
    ...over,
  };
}

export const HOSTILE = [
  `Robert'); DROP TABLE "customers";-- %{name} \`rm -rf /\` $(whoami) \${secret} <b>bold</b> & "quoted"`,
  "A".repeat(260),
  "Line one\r\nLine two\rLine three\n\n\n\nLine after gaps\ttabbed\u0000\u0007\u001b[31m",
  "=HYPERLINK(\"http://evil.example\",\"click\") +1 -2 @SUM(A1)",
  "Иван Петров, ул. Ленина 5",
  "মোঃ রহিম উদ্দিন, ঢাকা ১২১৫",
];

export function sampleReceipt(over: Partial<ReceiptDocument> = {}): ReceiptDocument {
  return {
    number: "RCT-2026-000045",
    receivedAt: new Date("2026-12-05T07:15:00Z"),
    method: "cash",
    reference: null,
    collectorName: "Peter Otieno",
    customer: { name: "Wanjiru Kamau", username: "wanjiru.k", mobile: "+254 711 222 333" },
    amountMinor: 400_000n,
    currency: "KES",
    allocations: [
      { invoiceNumber: "INV-2026-000101", amountMinor: 174_000n },
      { invoiceNumber: "INV-2026-000123", amountMinor: 174_000n },
    ],
    creditMinor: 52_000n,
    balanceAfterMinor: -52_000n,
    ...over,
  };
}
