import { describe, expect, it } from "vitest";
import { readCsv } from "@/lib/csv/csv";
import { toCsvExport } from "./csv-export";
import type { ExportColumn } from "./export-columns";

const tenant = { locale: "en-KE", timeZone: "America/St_Johns", currency: "KES" };
const columns: ExportColumn[] = [
  { header: "Receipt", key: "number", type: "text" },
  { header: "Customer", key: "customer", type: "text" },
  { header: "Received", key: "at", type: "date", withTime: true },
  { header: "Amount", key: "amount", type: "money" },
  { header: "Allocations", key: "n", type: "integer" },
];

describe("toCsvExport", () => {
  it("writes exact decimals, local dates and quoted text that reads back", () => {
    const csv = toCsvExport(
      columns,
      [
        { number: "RCT-1", customer: 'Kamau, "Wanjiru"\nHouse 7', at: new Date("2027-01-01T02:00:00Z"), amount: -150n, n: 2 },
        { number: "RCT-2", customer: "=1+1", at: null, amount: 2n ** 63n - 1n, n: 0n },
      ],
      { tenant },
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const { records, problems } = readCsv(csv);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.cells)).toEqual([
      ["Receipt", "Customer", "Received", "Amount", "Allocations"],
      // 02:00 UTC on 1 Jan is 22:30 on 31 Dec in Newfoundland (UTC-03:30); negative amounts stay numbers.
      ["RCT-1", 'Kamau, "Wanjiru"\nHouse 7', "2026-12-31 22:30", "-1.50", "2"],
      ["RCT-2", "'=1+1", "", "92233720368547758.07", "0"],
    ]);
  });

  it("can leave the BOM out", () => {
    expect(toCsvExport(columns, [], { tenant, bom: false })).toBe("Receipt,Customer,Received,Amount,Allocations\r\n");
  });
});
