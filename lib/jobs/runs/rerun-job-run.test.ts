import { describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import { tenantDigestBuild } from "@/lib/reports/tenant-digest.jobs";
import { makeOperator, makeTenant, uniq } from "@/lib/testing/factories";
import type { AnyJobDefinition } from "../define-job";
import { RUN_REQUESTED } from "../run-requested";
import { createRun } from "./create-run";
import { rerunJobRun } from "./rerun-job-run";

async function runOf(tenantId: string, status: "FAILED" | "COMPLETED") {
  return withSystem("test: run", async (tx) => {
    const r = await createRun(tx, { definition: tenantDigestBuild as unknown as AnyJobDefinition, payload: { tenantId, day: "2026-11-01" }, trigger: "manual", idempotencyKey: uniq() });
    await tx.jobRun.update({ where: { id: r.id }, data: { status } });
    return r.id;
  });
}

describe("re-running a job run", () => {
  it("asks once through the outbox, however often the button is pressed, and audits it", async () => {
    const t = await makeTenant();
    const id = await runOf(t.tenantId, "FAILED");
    await Promise.all([rerunJobRun(t.owner, id), rerunJobRun(t.owner, id)]);
    const events = await withTenant(t.tenantId, (tx) => tx.outboxEvent.findMany({ where: { name: RUN_REQUESTED } }));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ jobId: tenantDigestBuild.id, rerunOfId: id, payload: { tenantId: t.tenantId, day: "2026-11-01" } });
    expect(await withTenant(t.tenantId, (tx) => tx.auditLog.count({ where: { action: "job.rerun" } }))).toBeGreaterThanOrEqual(1);
  });

  it("refuses runs that did not fail, other tenants' runs, and managers", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const done = await runOf(t.tenantId, "COMPLETED");
    const theirs = await runOf(other.tenantId, "FAILED");
    const manager = await makeOperator(t.owner, "MANAGER");
    await expect(rerunJobRun(t.owner, done)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rerunJobRun(t.owner, theirs)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rerunJobRun(manager.actor, await runOf(t.tenantId, "FAILED"))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
