// Data for specs, made through the same services the app uses (see lib/testing/factories.ts).
import { withSystem } from "@/lib/db";

export { makeCustomer, makeOperator, makePackage, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "@/lib/testing/factories";

/** Ids of the seeded demo ISP's rows, by username and by email. */
export async function demoIds() {
  return withSystem("e2e: demo id lookup", async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { slug: "demo" } });
    const customers = await tx.customer.findMany({ where: { tenantId: tenant.id }, select: { id: true, username: true } });
    const operators = await tx.operator.findMany({ where: { tenantId: tenant.id }, select: { id: true, email: true } });
    return {
      tenantId: tenant.id,
      customer: (username: string) => customers.find((c) => c.username === username)!.id,
      operator: (email: string) => operators.find((o) => o.email === email)!.id,
    };
  });
}

export async function customerById(id: string) {
  return withSystem("e2e: customer check", (tx) => tx.customer.findUnique({ where: { id } }));
}

/** A digest run of the tenant that failed (as after a database outage), for the jobs pages. */
export async function makeFailedDigestRun(tenantId: string, day: string) {
  const { createRun } = await import("@/lib/jobs/runs/create-run");
  const { tenantDigestBuild } = await import("@/lib/reports/tenant-digest.jobs");
  return withSystem("e2e: failed run", async (tx) => {
    const run = await createRun(tx, {
      definition: tenantDigestBuild as never,
      payload: { tenantId, day },
      trigger: "event:reports/tenant-digest.requested",
      idempotencyKey: `e2e:${crypto.randomUUID()}`,
    });
    return tx.jobRun.update({
      where: { id: run.id },
      data: { status: "FAILED", attempts: 6, lastError: "Error: connect ECONNREFUSED 10.0.0.5:5432", startedAt: new Date(Date.now() - 4000), finishedAt: new Date() },
    });
  });
}
