// One hostile router must not take the process down (it used to: with TLS on against a plain
// port, node-routeros re-emitted a socket error on a Connector whose listeners its own destroy()
// had removed, an unhandled 'error' event that killed `npm start` with everything in it).
// The rounds run in a child process so that such a crash fails this test instead of vitest.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { realRouter } from "./target";

const root = path.resolve(import.meta.dirname, "../../..");

describe.skipIf(realRouter)("crash safety", () => {
  it("survives 200 rounds of each hostile listener through the pool: every call is rejected, no socket is reused, nothing is left running", () => {
    const child = spawnSync(path.join(root, "node_modules/.bin/tsx"), [path.join(import.meta.dirname, "fault-rounds.ts")], {
      cwd: root,
      env: { ...process.env, FAULT_ROUNDS: "200" },
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(child.status, `the process died:\n${child.stderr.slice(0, 3000)}`).toBe(0);
    const report = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
      rounds: number;
      results: Record<string, { outcomes: Record<string, number>; accepted: number }>;
      holding: string[];
    };
    expect(Object.keys(report.results).sort()).toEqual([
      "half-open",
      "half-open-tls",
      "immediate-close",
      "immediate-close-tls",
      "reset",
      "reset-after-hello",
      "reset-after-hello-tls",
      "reset-tls",
      "tls-to-plain-api",
    ]);
    for (const [fault, { outcomes, accepted }] of Object.entries(report.results)) {
      const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
      expect(total, fault).toBe(200);
      // Each call failed with one of the adapter's own errors, never an answer or a stray Error.
      for (const kind of Object.keys(outcomes)) expect(["unreachable", "closed", "timeout"], `${fault}: ${kind}`).toContain(kind);
      // A broken connection is never reused: every call opened its own socket.
      expect(accepted, fault).toBe(200);
    }
    // No timer or socket outlives the calls (a leak would keep a worker alive).
    expect(report.holding).toEqual([]);
  }, 120_000);
});
