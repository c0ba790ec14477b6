import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { toXlsx } from "./xlsx";
import type { ExportColumn } from "./export-columns";

const tenant = { locale: "en-KE", timeZone: "Asia/Kathmandu", currency: "KES" };
const columns: ExportColumn[] = [
  { header: "Invoice", key: "number", type: "text" },
  { header: "Customer", key: "customer", type: "text" },
  { header: "Issued", key: "issuedAt", type: "date" },
  { header: "Paid at", key: "paidAt", type: "date", withTime: true },
  { header: "Lines", key: "lines", type: "integer" },
  { header: "Total (KES)", key: "total", type: "money" },
  { header: "Total (BHD)", key: "totalBhd", type: "money", currency: "BHD" },
];

async function readBack(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

/** The decimal text a numeric cell holds, compared as text (no float maths on amounts). */
function cellDecimal(value: ExcelJS.CellValue, digits: number): string {
  if (typeof value === "number") return value.toFixed(digits);
  return String(value);
}

describe("toXlsx", () => {
  it("round-trips money exactly, dates in the tenant's zone, integers and text", async () => {
    const rows = [
      {
        number: "INV-2026-000001",
        customer: "মোঃ রহিম উদ্দিন",
        issuedAt: new Date("2026-12-31T18:20:00Z"), // 00:05 on 1 Jan in Kathmandu (UTC+05:45)
        paidAt: new Date("2026-12-31T18:20:00Z"),
        lines: 3,
        total: 174_000n,
        totalBhd: -1_234_567n,
      },
      { number: "INV-2026-000002", customer: "Иван", issuedAt: null, paidAt: undefined, lines: 9_007_199_254_740_993n, total: 999_999_999_999_999n, totalBhd: 0n },
      { number: "INV-2026-000003", customer: "Big", issuedAt: null, lines: 0n, total: 1_000_000_000_000_000n, totalBhd: 1n },
    ];
    const sheet = await readBack(await toXlsx("Invoices: December/2026 [all]", columns, rows, { tenant }));
    expect(sheet.name).toBe("Invoices  December 2026  all");
    expect(sheet.rowCount).toBe(4);

    const r2 = sheet.getRow(2);
    expect(r2.getCell(1).value).toBe("INV-2026-000001");
    expect(r2.getCell(2).value).toBe("মোঃ রহিম উদ্দিন");
    expect((r2.getCell(3).value as Date).toISOString()).toBe("2027-01-01T00:05:00.000Z");
    expect(r2.getCell(3).numFmt).toBe("yyyy-mm-dd");
    expect(r2.getCell(4).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(r2.getCell(5).value).toBe(3);
    expect(cellDecimal(r2.getCell(6).value, 2)).toBe("1740.00");
    expect(r2.getCell(6).numFmt).toBe("#,##0.00");
    expect(cellDecimal(r2.getCell(7).value, 3)).toBe("-1234.567");
    expect(r2.getCell(7).numFmt).toBe("#,##0.000");

    const r3 = sheet.getRow(3);
    expect(r3.getCell(3).value).toBeNull();
    // The largest amount a double still holds to the cent is written as a number...
    expect(typeof r3.getCell(6).value).toBe("number");
    expect(cellDecimal(r3.getCell(6).value, 2)).toBe("9999999999999.99");
    // ...and integers beyond 2^53 as text.
    expect(r3.getCell(5).value).toBe("9007199254740993");

    // 10^15 minor units: more digits than a double carries, so text, exact.
    expect(sheet.getRow(4).getCell(6).value).toBe("10000000000000.00");
  });

  it("has a bold, frozen header with an autofilter", async () => {
    const sheet = await readBack(await toXlsx("List", columns, [], { tenant }));
    expect(sheet.getRow(1).values).toEqual([undefined, ...columns.map((c) => c.header)]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:G1");
  });

  it("keeps text from running as a formula and drops what XML cannot carry", async () => {
    const text: ExportColumn[] = [{ header: "Name", key: "name", type: "text" }];
    const hostile = ["=HYPERLINK(\"http://evil\")", "+1", "-2", "@SUM(A1)", "\tx", "ok\u0000\u0007\u001b[31m", `'%{x} \`y\``];
    const sheet = await readBack(await toXlsx("S", text, hostile.map((name) => ({ name })), { tenant }));
    const values = hostile.map((_, i) => sheet.getRow(i + 2).getCell(1).value);
    expect(values).toEqual(["'=HYPERLINK(\"http://evil\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "ok[31m", `'%{x} \`y\``]);
    expect(values.every((v) => typeof v === "string")).toBe(true);
  });

  it("refuses a money column fed with a float", async () => {
    await expect(toXlsx("S", [{ header: "Amount", key: "a", type: "money" }], [{ a: 17.4 }], { tenant })).rejects.toThrow(/bigint/);
  });
});
