// Who may run a failed job again, asked of the service directly: staff with jobs:manage only
// (owner, admin). A manager sees runs and is refused; another ISP's owner finds no such run.
import { beforeAll, describe, it } from "vitest";
import { withSystem } from "@/lib/db";
import { tenantDigestBuild } from "@/lib/reports/tenant-digest.jobs";
import { expectRefused, makeCast, type Cast } from "@/lib/testing/authz";
import { uniq } from "@/lib/testing/factories";
import type { AnyJobDefinition } from "../define-job";
import { createRun } from "./create-run";
import { rerunJobRun } from "./rerun-job-run";

let c: Cast;
let failedRunId: string;
beforeAll(async () => {
  c = await makeCast();
  failedRunId = await withSystem("test: a failed run", async (tx) => {
    const run = await createRun(tx, { definition: tenantDigestBuild as unknown as AnyJobDefinition, payload: { tenantId: c.tenantId, day: "2026-11-01" }, trigger: "manual", idempotencyKey: uniq() });
    await tx.jobRun.update({ where: { id: run.id }, data: { status: "FAILED" } });
    return run.id;
  });
});

describe("rerunJobRun", () => {
  for (const role of ["manager", "reseller", "subReseller"] as const) {
    it(`refuses a ${role}`, async () => {
      await expectRefused(() => rerunJobRun(c[role], failedRunId), [c.tenantId], ["FORBIDDEN"]);
    });
  }

  it("another ISP's owner finds no such run", async () => {
    await expectRefused(() => rerunJobRun(c.stranger, failedRunId), [c.tenantId, c.strangerTenantId], ["NOT_FOUND"]);
  });
});
