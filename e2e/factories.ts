// Data for specs, made through the same services the app uses (see lib/testing/factories.ts).
import { withSystem } from "@/lib/db";

export { fundWallet, makeCustomer, makeOperator, makePackage, makeRouter, makeTenant, TEST_PASSWORD, uniq } from "@/lib/testing/factories";

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

/** An open accounting session, as FreeRADIUS writes it on a router's Start and interim updates. */
export async function makeOpenSession(tenantId: string, username: string, nasIp: string, extra: { framedIp?: string; callingStationId?: string } = {}) {
  const { withTenant } = await import("@/lib/db");
  const id = crypto.randomUUID();
  await withTenant(tenantId, (tx) =>
    tx.radAcct.create({
      data: {
        tenantId,
        acctsessionid: id.slice(0, 8),
        acctuniqueid: id,
        username,
        nasipaddress: nasIp,
        framedipaddress: extra.framedIp ?? null,
        callingstationid: extra.callingStationId ?? null,
        acctstarttime: new Date(Date.now() - 3600_000),
        acctupdatetime: new Date(Date.now() - 60_000),
        acctoutputoctets: 1_500_000_000n,
        acctinputoctets: 200_000_000n,
      },
    }),
  );
  return id;
}

/** Events asking for a customer's live sessions to be cut or changed, for checking an action did (or did not) reach the job. */
export async function liveChangeEvents(customerId: string) {
  return withSystem("e2e: live change events", (tx) => tx.outboxEvent.count({ where: { name: "customers/network.changed", data: { path: ["customerId"], equals: customerId } } }));
}
