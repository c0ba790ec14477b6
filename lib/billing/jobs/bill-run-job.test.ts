// The bill run as a job on the local driver: a tenant's run bills its due customers, records its
// batches as steps and its progress (what /admin/jobs shows), and belongs to the tenant.
import { afterEach, describe, expect, it } from "vitest";
import { withSystem, withTenant } from "@/lib/db";
import type { AnyJobDefinition } from "@/lib/jobs/define-job";
import type { LocalDriver } from "@/lib/jobs/local/local-driver";
import { startTestDriver, waitForRunStatus } from "@/lib/jobs/testing";
import { makeCustomer, makePackage, makeTenant, uniq } from "@/lib/testing/factories";
import { billRun } from "./bill-run.jobs";

const drivers: LocalDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.stop()));
});

describe("billing.bill-run job", () => {
  it("bills a tenant's due customers with steps and progress", async () => {
    const t = await makeTenant();
    await withTenant(t.tenantId, (tx) => tx.billingSettings.update({ where: { tenantId: t.tenantId }, data: { defaultMode: "MONTHLY_ADVANCE", billingDay: 1 } }));
    const pkg = await makePackage(t.owner, { price: "800" });
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < 3; i++) {
      const c = (await makeCustomer(t.owner, { skipOpeningCharge: true, packageId: pkg.id }))!;
      await withTenant(t.tenantId, (tx) => tx.customerBilling.create({ data: { customerId: c.id, tenantId: t.tenantId, periodStart: new Date(hourAgo.getTime() - 30 * 86_400_000), periodEnd: hourAgo } }));
    }
    const definition = billRun as unknown as AnyJobDefinition;
    const driver = await startTestDriver([definition]);
    drivers.push(driver);
    const { runId } = await withSystem("test: enqueue", (tx) => driver.enqueue(tx, { definition, payload: { tenantId: t.tenantId }, trigger: "manual", idempotencyKey: uniq("bill") }));
    const run = await waitForRunStatus(runId, ["COMPLETED", "FAILED"], 60_000);
    expect(run.status).toBe("COMPLETED");
    expect(run.tenantId).toBe(t.tenantId);
    expect(run.progressDone).toBe(3);
    expect(run.progressTotal).toBe(3);
    expect(run.steps.map((s) => s.stepId)).toEqual(["start", "ranges-0", "accounts-0", "bill-0-0", "left-0"]);
    expect(run.output).toMatchObject({ customers: 3, invoices: 3 });
    const invoices = await withTenant(t.tenantId, (tx) => tx.invoice.count({ where: { tenantId: t.tenantId, source: "BILL_RUN", status: "ISSUED" } }));
    expect(invoices).toBe(3);
  });
});
