// The printable card sheets: pages of 21 cards, every code and serial on them as text, each QR code
// drawn as exactly the module matrix qrcode makes for the card's portal address, operator text
// that cannot break a card, a logo embedded once however many cards; and the batch's PDF through
// exportBatchPdf against PostgreSQL (the owner's reseller, the tenant's logo and package).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { formatDate } from "@/lib/documents/format";
import { HOSTILE, samplePng, sampleTenant } from "@/lib/documents/testing/fixtures";
import { pdfPages } from "@/lib/documents/testing/pdf-inspect";
import { uploadLogo } from "@/lib/billing/settings/upload-logo";
import { fundWallet, makeOperator, makePackage, makeTenant } from "@/lib/testing/factories";
import { chunksOf, createVoucherBatch, finishBatch, generateChunk } from "./batches";
import { CARDS_PER_PAGE, LAYOUT, portalUrl, qrPath, qrRuns, qrSegments, QR_OPTIONS, renderVoucherCardsPdf, validityText, type VoucherCardSheet } from "./card-pdf";
import { DEFAULT_ALPHABET, displayCode, generateCode } from "./codes";
import { publicBaseUrl } from "@/lib/next/public-url";
import { exportBatchPdf, readBatchCards } from "./sheets";

const A4: [number, number] = [595, 842];

const hasPdftotext = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

/** The PDF's text (poppler's pdftotext), pages in order. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "cards-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    return execFileSync("pdftotext", [join(dir, "in.pdf"), "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every stream of the PDF, inflated when it is compressed (page contents are). */
function streams(pdf: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; ; ) {
    const start = pdf.indexOf("stream\n", at, "latin1");
    if (start < 0) return out;
    const end = pdf.indexOf("\nendstream", start, "latin1");
    const body = pdf.subarray(start + 7, end);
    try {
      out.push(inflateSync(body).toString("latin1"));
    } catch {
      out.push(body.toString("latin1"));
    }
    at = end + 10;
  }
}

type Word = { text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word on the first page with its box (pdftotext -bbox: points, top left origin). */
function firstPageWords(pdf: Buffer): Word[] {
  const dir = mkdtempSync(join(tmpdir(), "cards-"));
  try {
    writeFileSync(join(dir, "in.pdf"), pdf);
    const html = execFileSync("pdftotext", ["-bbox", "-f", "1", "-l", "1", join(dir, "in.pdf"), "-"], { encoding: "utf8" });
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The words that leave their card's inner area or touch its QR code. */
function strayWords(words: Word[]): Word[] {
  const { side, top, cardW, cardH, pad, qrBox } = LAYOUT;
  const gridBottom = top + 7 * cardH;
  return words.filter((w) => {
    if (w.yMin > gridBottom) return false; // the footer
    const x0 = side + Math.floor((w.xMin - side) / cardW) * cardW;
    const y0 = top + Math.floor((w.yMin - top) / cardH) * cardH;
    const inside = w.xMin >= x0 + pad - 0.5 && w.xMax <= x0 + cardW - pad + 0.5 && w.yMin >= y0 && w.yMax <= y0 + cardH;
    const qr = { x: x0 + cardW - pad - qrBox, y: y0 + pad };
    const onQr = w.xMax > qr.x && w.xMin < qr.x + qrBox && w.yMax > qr.y && w.yMin < qr.y + qrBox;
    return !inside || onQr;
  });
}

function cards(n: number, prefix = "HS") {
  return Array.from({ length: n }, (_, i) => ({ serial: 1001n + BigInt(i), code: prefix + generateCode(DEFAULT_ALPHABET, 12) }));
}

function sheet(over: Partial<VoucherCardSheet> = {}): VoucherCardSheet {
  return {
    tenant: sampleTenant(),
    batchNumber: 7,
    packageName: "Hotspot 30 days",
    validity: "30 days",
    price: "KES\u00a01,500.00",
    cardExpiresAt: new Date("2026-12-31T20:59:00Z"),
    portal: { baseUrl: "https://isp.example.net", slug: "skylink" },
    cards: cards(5),
    ...over,
  };
}

describe("renderVoucherCardsPdf", () => {
  it("puts 21 cards on an A4 page: as many pages as the cards need", async () => {
    expect(CARDS_PER_PAGE).toBe(21);
    for (const n of [1, 21, 22, 50]) {
      const pdf = await renderVoucherCardsPdf(sheet({ cards: cards(n) }));
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const { count, sizes } = pdfPages(pdf);
      expect(count).toBe(Math.ceil(n / CARDS_PER_PAGE));
      expect(sizes.every(([w, h]) => w === A4[0] && h === A4[1])).toBe(true);
    }
  });

  it("prints every card's code in groups, its serial, the package, price, validity and expiry", async () => {
    const all = cards(30);
    const pdf = await renderVoucherCardsPdf(sheet({ cards: all }));
    if (!hasPdftotext) return;
    const text = pdfText(pdf);
    const words = firstPageWords(pdf);
    expect(words.length).toBeGreaterThan(21 * 8);
    expect(strayWords(words)).toEqual([]);
    for (const c of all) {
      expect(text).toContain(displayCode(c.code));
      expect(text).toContain(`Serial ${c.serial}`);
    }
    for (const s of ["SkyLink Net", "Hotspot 30 days", "Validity 30 days", "Use by 31 Dec 2026", "Serials 1001–1021", "Page 2 of 2"]) expect(text).toContain(s);
    // The tenant's money format (its no-break space comes out of pdftotext as a space).
    expect(text).toMatch(/KES\s1,500\.00/);
  });

  it("draws each card's QR code as qrcode's module matrix of the card's portal address, in merged runs", async () => {
    const all = cards(3);
    const url = portalUrl("https://isp.example.net/", "sky link", all[0]!.code);
    expect(url).toBe(`https://isp.example.net/portal/sky%20link?code=${all[0]!.code}`);
    // The address in byte mode, the code in alphanumeric mode: what qrcode chooses on its own.
    const segments = qrSegments(url).map((x) => ({ mode: x.mode, data: typeof x.data === "string" ? x.data : Buffer.from(x.data as Uint8Array).toString("utf8") }));
    expect(segments).toEqual([
      { mode: "byte", data: "https://isp.example.net/portal/sky%20link?code=" },
      { mode: "alphanumeric", data: all[0]!.code },
    ]);
    const reference = QRCode.create(url, QR_OPTIONS).modules;
    const qr = qrRuns(url);
    expect(qr.size).toBe(reference.size);
    const drawn = new Uint8Array(qr.size * qr.size);
    let last: [number, number, number] | null = null;
    for (const run of qr.runs) {
      const [row, col, len] = run;
      expect(len).toBeGreaterThan(0);
      // Runs are maximal: the next dark run of a row starts after a light module.
      if (last && last[0] === row) expect(col).toBeGreaterThan(last[1] + last[2]);
      for (let k = 0; k < len; k++) drawn[row * qr.size + col + k] = 1;
      last = run;
    }
    expect(Array.from(drawn)).toEqual(Array.from(reference.data, (v) => (v ? 1 : 0)));
    expect(qr.runs.length).toBeLessThan(drawn.reduce((a, b) => a + b, 0) / 1.5);

    // And those runs are what the page paints, for every card.
    const pdf = await renderVoucherCardsPdf(sheet({ cards: all, portal: { baseUrl: "https://isp.example.net/", slug: "sky link" } }));
    const content = streams(pdf).join("\n");
    for (const c of all) expect(content).toContain(qrPath(qrRuns(portalUrl("https://isp.example.net", "sky link", c.code))));
  });

  it("keeps hostile operator text on its card, prints long codes whole, and survives a broken logo", async () => {
    const long = [{ serial: 99_999_999_999n, code: `NETWORKS${generateCode(DEFAULT_ALPHABET, 20)}` }, ...cards(22)];
    for (const bad of HOSTILE) {
      const pdf = await renderVoucherCardsPdf(
        sheet({
          tenant: sampleTenant({ name: `${bad}\u202e\u0000`, logo: { bytes: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), mime: "image/png" } }),
          packageName: bad.repeat(3),
          price: bad,
          validity: bad,
          cards: long,
        }),
      );
      expect(pdfPages(pdf).count).toBe(2);
      if (!hasPdftotext) continue;
      expect(strayWords(firstPageWords(pdf))).toEqual([]);
      const text = pdfText(pdf);
      // The 28-character code on two lines, all of it.
      const groups = displayCode(long[0]!.code).split("-");
      expect(text).toContain(groups.slice(0, 4).join("-"));
      expect(text).toContain(groups.slice(4).join("-"));
      expect(text).toContain(displayCode(long[22]!.code));
    }
    // Nothing at all to say, and no cards: still a page.
    const empty = await renderVoucherCardsPdf(sheet({ tenant: sampleTenant({ name: "", logo: null }), packageName: "", price: "", validity: "", cardExpiresAt: null, cards: [] }));
    expect(pdfPages(empty).count).toBe(1);
  });

  it("embeds the logo once for the whole sheet", async () => {
    const pdf = await renderVoucherCardsPdf(sheet({ cards: cards(45) }));
    expect(pdf.toString("latin1").match(/\/Subtype \/Image/g)).toHaveLength(1);
    const none = await renderVoucherCardsPdf(sheet({ tenant: sampleTenant({ logo: null }) }));
    expect(none.toString("latin1")).not.toContain("/Subtype /Image");
  });

  it("words a package's validity", () => {
    expect(validityText(30, "DAY")).toBe("30 days");
    expect(validityText(1, "DAY")).toBe("1 day");
    expect(validityText(12, "HOUR")).toBe("12 hours");
    expect(validityText(1, "MONTH")).toBe("1 month");
    expect(validityText(2, "WEEK")).toBe("2 weeks");
  });
});

describe("exportBatchPdf", () => {
  it("gives the batch's owner its cards as sheets with the ISP's logo, package and portal address", async () => {
    const t = await makeTenant();
    await uploadLogo(t.owner, samplePng());
    const reseller = await makeOperator(t.owner, "RESELLER");
    const pkg = await makePackage(t.owner, { name: "Hotspot week", price: "250", resellerPrice: "200", resellerVisible: true, validityValue: 7, validityUnit: "DAY" });
    await fundWallet(t.owner, reseller.id, "100000");
    const quantity = 25;
    const batch = await createVoucherBatch(reseller.actor, { packageId: pkg.id, quantity, prefix: "WK", codeLength: 10, cardExpiresOn: "2099-06-30", idempotencyKey: randomUUID() });
    for (let k = 0; k < chunksOf(quantity); k++) await generateChunk(t.tenantId, batch.id, k);
    await finishBatch(t.tenantId, batch.id);

    const file = await exportBatchPdf(reseller.actor, batch.id);
    expect(file.fileName).toBe(`vouchers-batch-${batch.number}.pdf`);
    expect(file.contentType).toBe("application/pdf");
    expect(pdfPages(file.body).count).toBe(2);
    expect(file.body.toString("latin1").match(/\/Subtype \/Image/g)).toHaveLength(1);
    const { cards: printed } = await readBatchCards(reseller.actor, batch.id, "csv");
    const content = streams(file.body).join("\n");
    expect(content).toContain(qrPath(qrRuns(portalUrl(publicBaseUrl(), t.slug, printed[0]!.code))));
    if (!hasPdftotext) return;
    const text = pdfText(file.body);
    for (const c of printed) expect(text).toContain(displayCode(c.code));
    for (const s of ["Hotspot week", "Validity 7 days", `Use by ${formatDate(batch.cardExpiresAt!, "Africa/Nairobi", "en")}`, `Voucher batch ${batch.number}`]) expect(text).toContain(s);
    expect(text).toMatch(/KES\s250\.00/);
  });

  it("takes the printed address from NEXTAUTH_URL, else localhost", () => {
    expect(publicBaseUrl({ NEXTAUTH_URL: "https://isp.example.net/" })).toBe("https://isp.example.net");
    expect(publicBaseUrl({ NEXTAUTH_URL: "https://example.net/isp/" })).toBe("https://example.net/isp");
    expect(publicBaseUrl({ NEXTAUTH_URL: "not a url", PORT: "3100" })).toBe("http://localhost:3100");
    expect(publicBaseUrl({ NEXTAUTH_URL: "javascript:alert(1)" })).toBe("http://localhost:3000");
    expect(publicBaseUrl({})).toBe("http://localhost:3000");
  });
});
