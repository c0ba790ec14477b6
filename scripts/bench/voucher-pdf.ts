// Benchmark: a voucher batch's card sheets (lib/vouchers/card-pdf.ts) for 10,000 and 100,000 cards,
// rendered as exportBatchPdf renders them (sample tenant with a logo, 14-character codes), with the
// time, the file's size, the pages and the process's peak memory. No database.
// Usage: npx tsx scripts/bench/voucher-pdf.ts [--sizes 10000,100000] [--out /tmp/cards.pdf]
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sampleTenant } from "@/lib/documents/testing/fixtures";
import { CARDS_PER_PAGE, renderVoucherCardsPdf } from "@/lib/vouchers/card-pdf";
import { DEFAULT_ALPHABET, generateCode } from "@/lib/vouchers/codes";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "10000,100000" }, out: { type: "string" } } });
const SIZES = values.sizes.split(",").map(Number);

async function main() {
  // A first small sheet loads the fonts and warms the code paths up.
  const render = (n: number) =>
    renderVoucherCardsPdf({
      tenant: sampleTenant(),
      batchNumber: 1,
      packageName: "Hotspot 30 days 10 Mbps",
      validity: "30 days",
      price: "KES\u00a01,500.00",
      cardExpiresAt: new Date("2027-06-30T20:59:00Z"),
      portal: { baseUrl: "https://isp.example.net", slug: "skylink" },
      cards: Array.from({ length: n }, (_, i) => ({ serial: 1n + BigInt(i), code: `HS${generateCode(DEFAULT_ALPHABET, 12)}` })),
    });
  await render(CARDS_PER_PAGE);
  for (const n of SIZES) {
    const t0 = performance.now();
    const pdf = await render(n);
    const ms = performance.now() - t0;
    const pages = Math.ceil(n / CARDS_PER_PAGE);
    console.log(
      `${n.toLocaleString("en")} cards: ${(ms / 1000).toFixed(2)} s (${Math.round((n / ms) * 1000).toLocaleString("en")} cards/s), ${pages.toLocaleString("en")} pages, ${(pdf.length / 1e6).toFixed(1)} MB, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    );
    if (values.out) writeFileSync(values.out, pdf);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
