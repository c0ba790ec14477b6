// Data for specs, made through the same services the app uses (see lib/testing/factories.ts).
import { withSystem } from "@/lib/db";

export { makeCustomer, makeOperator, makeTenant, TEST_PASSWORD, uniq } from "@/lib/testing/factories";

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
