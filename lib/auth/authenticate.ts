// Credential checks for the two kinds of login. Failures return null with no hint of which
// part was wrong; throttled attempts return "THROTTLED" so the form can say so.
import { withSystem, withTenant } from "@/lib/db";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { isLoginThrottled, recordLoginAttempt } from "./rate-limit";
import { verifyCustomerPassword } from "@/lib/customers/customer-password";

export type OperatorIdentity = {
  kind: "OPERATOR";
  id: string;
  tenantId: string;
  role: string;
  name: string;
  email: string;
  sessionVersion: number;
};

export type CustomerIdentity = {
  kind: "CUSTOMER";
  id: string;
  tenantId: string;
  tenantSlug: string;
  name: string;
  username: string;
  sessionVersion: number;
};

export type AuthOutcome<T> = T | null | "THROTTLED";

// PostgreSQL text cannot hold NUL: such a "credential" matches nothing (and must not be a 500
// whose message next-auth would put in the sign-in page's URL).
const hasNul = (...values: string[]) => values.some((v) => v.includes("\u0000"));

export async function authenticateOperator(emailRaw: string, password: string, ip: string | null): Promise<AuthOutcome<OperatorIdentity>> {
  const email = emailRaw.trim().toLowerCase();
  if (!email || !password || hasNul(email, password)) return null;
  const keys = { account: `op:${email}`, ip };
  if (await isLoginThrottled(keys)) return "THROTTLED";
  const op = await withSystem("operator login lookup", (tx) =>
    tx.operator.findUnique({ where: { email }, include: { tenant: { select: { status: true } } } }),
  );
  const ok = op ? await verifyPassword(op.passwordHash, password) : await verifyAgainstDummy(password);
  const allowed = Boolean(op && ok && op.status === "ACTIVE" && op.tenant.status === "ACTIVE");
  await recordLoginAttempt(keys, allowed);
  if (!op || !allowed) return null;
  await withTenant(op.tenantId, (tx) => tx.operator.update({ where: { id: op.id }, data: { lastLoginAt: new Date() } }));
  return { kind: "OPERATOR", id: op.id, tenantId: op.tenantId, role: op.role, name: op.name, email: op.email, sessionVersion: op.sessionVersion };
}

export async function authenticateCustomer(
  slugRaw: string,
  usernameRaw: string,
  password: string,
  ip: string | null,
): Promise<AuthOutcome<CustomerIdentity>> {
  const slug = slugRaw.trim().toLowerCase();
  const username = usernameRaw.trim();
  if (!slug || !username || !password || hasNul(slug, username, password)) return null;
  const keys = { account: `cust:${slug}:${username.toLowerCase()}`, ip };
  if (await isLoginThrottled(keys)) return "THROTTLED";
  const tenant = await withSystem("customer login tenant lookup", (tx) =>
    tx.tenant.findUnique({ where: { slug }, select: { id: true, slug: true, status: true } }),
  );
  const customer = tenant
    ? await withTenant(tenant.id, (tx) => tx.customer.findUnique({ where: { tenantId_username: { tenantId: tenant.id, username } } }))
    : null;
  const ok = customer ? await verifyCustomerPassword(customer, password) : await verifyAgainstDummy(password);
  // Suspended and expired customers may still sign in: the portal is where they pay.
  const allowed = Boolean(tenant && customer && ok && customer.status !== "DISABLED" && tenant.status === "ACTIVE");
  await recordLoginAttempt(keys, allowed);
  if (!tenant || !customer || !allowed) return null;
  return {
    kind: "CUSTOMER",
    id: customer.id,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    name: customer.name,
    username: customer.username,
    sessionVersion: customer.sessionVersion,
  };
}
