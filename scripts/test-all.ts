// `npm test`: every suite, then one line with the totals: "N passed, N failed, N skipped".
//   unit + integration  vitest, against a real PostgreSQL (scripts/test/global-setup.ts)
//   end to end          Playwright in Debian's Chromium against `next start` (scripts/e2e.ts)
// A suite that crashes without reporting counts as one failure, so a broken runner can't pass.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

type Totals = { passed: number; failed: number; skipped: number };

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "0" } });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

function vitestTotals(report: unknown): Totals | undefined {
  const r = report as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | undefined;
  if (!r || typeof r.numPassedTests !== "number") return undefined;
  return { passed: r.numPassedTests, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

function playwrightTotals(report: unknown): Totals | undefined {
  const s = (report as { stats?: { expected: number; unexpected: number; flaky: number; skipped: number } } | undefined)?.stats;
  if (!s) return undefined;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
}

async function suite(name: string, cmd: string, args: string[], report: string, parse: (r: unknown) => Totals | undefined): Promise<Totals> {
  rmSync(report, { force: true });
  console.log(`\n=== ${name} ===`);
  const code = await run(cmd, args);
  const totals = parse(readJson(report)) ?? { passed: 0, failed: 0, skipped: 0 };
  if (code !== 0 && totals.failed === 0) totals.failed = 1; // crashed or refused to run
  console.log(`--- ${name}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals;
}

async function main() {
  mkdirSync("test-results", { recursive: true });
  const only = process.argv[2];
  const results: Totals[] = [];
  if (!only || only === "unit") {
    results.push(
      await suite("unit and integration (vitest)", "node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"], "test-results/vitest.json", vitestTotals),
    );
  }
  if (!only || only === "e2e") {
    results.push(await suite("end to end (playwright)", "node_modules/.bin/tsx", ["scripts/e2e.ts"], "test-results/e2e.json", playwrightTotals));
  }
  const sum = results.reduce((a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed, skipped: a.skipped + b.skipped }), { passed: 0, failed: 0, skipped: 0 });
  console.log("");
  console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
  process.exit(sum.failed > 0 || sum.passed === 0 ? 1 : 0);
}

void main();
