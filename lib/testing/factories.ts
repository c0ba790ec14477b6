// Test factories: each call makes unique rows through the real services, so tests never share
// mutable fixtures and every row is what the app itself would have written.
import { randomUUID } from "node:crypto";
import type { OperatorActor } from "@/lib/audit/actor";
import { withSystem } from "@/lib/db";
import type { OperatorRole } from "@/lib/db/generated/enums";
import { signUpTenant } from "@/lib/tenants/sign-up-tenant";
import { createOperator } from "@/lib/operators/create-operator";
import { createCustomer } from "@/lib/customers/create-customer";
import type { CreateCustomerInput } from "@/lib/customers/customers.schema";

export const TEST_PASSWORD = "test-pass-1234";

export function uniq(prefix = "t"): string {
  return `${prefix}${randomUUID().replaceAll("-", "").slice(0, 10)}`;
}

/**
 * Many customers at once, straight in SQL, for tests that need more rows than the services would
 * create in time (no RADIUS rows, no audit). `username` and `name` are format() patterns: %s is
 * the row's number, 1..count.
 */
export async function insertCustomersInBulk(tenantId: string, count: number, rows: { username: string; name: string; operatorId?: string }) {
  await withSystem("test: bulk customers", (tx) =>
    tx.$executeRaw`INSERT INTO customers (id, tenant_id, operator_id, username, password_hash, name, updated_at)
      SELECT gen_random_uuid(), ${tenantId}::uuid, ${rows.operatorId ?? null}::uuid, format(${rows.username}, g), 'x', format(${rows.name}, g), now()
        FROM generate_series(1, ${count}) g`,
  );
}

export function asActor(op: { id: string; tenantId: string; role: OperatorRole; name: string; path: string }): OperatorActor {
  return { kind: "OPERATOR", id: op.id, tenantId: op.tenantId, role: op.role, name: op.name, path: op.path, ip: "127.0.0.1" };
}

export async function makeTenant(overrides: { slug?: string; email?: string } = {}) {
  const slug = overrides.slug ?? uniq("isp-");
  const email = overrides.email ?? `${uniq("owner")}@example.test`;
  const { tenantId, ownerId } = await signUpTenant({
    name: `ISP ${slug}`,
    slug,
    country: "KE",
    currency: "KES",
    timezone: "Africa/Nairobi",
    ownerName: "Owner Person",
    email,
    password: TEST_PASSWORD,
  });
  const owner = asActor({ id: ownerId, tenantId, role: "OWNER", name: "Owner Person", path: "/" });
  return { tenantId, slug, email, owner };
}

export async function makeOperator(
  actor: OperatorActor,
  role: "ADMIN" | "MANAGER" | "RESELLER" | "SUB_RESELLER",
  extra: { parentId?: string; commissionShare?: string } = {},
) {
  const email = `${uniq(role.toLowerCase())}@example.test`;
  const op = await createOperator(actor, {
    role,
    name: `${role} ${uniq("")}`,
    email,
    password: TEST_PASSWORD,
    parentId: extra.parentId,
    commissionShare: extra.commissionShare ?? (role === "RESELLER" || role === "SUB_RESELLER" ? "50" : "0"),
  });
  return { ...op, email, actor: asActor(op) };
}

export function makeCustomer(actor: OperatorActor, overrides: Partial<CreateCustomerInput> = {}) {
  return createCustomer(actor, {
    username: uniq("u"),
    password: TEST_PASSWORD,
    name: "Test Customer",
    ...overrides,
  });
}

let loopbackCounter = 0;
/** A loopback address no other test uses: each plays one router. */
export function uniqueLoopback(): string {
  const n = (process.pid * 997 + ++loopbackCounter * 7919 + Math.floor(Math.random() * 1000)) % 16_000_000;
  return `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}

export async function makePackage(actor: OperatorActor, overrides: Partial<import("@/lib/packages/packages.schema").PackageInput> = {}) {
  const { savePackage } = await import("@/lib/packages/save-package");
  return savePackage(actor, {
    name: uniq("Pkg "),
    price: "1000",
    validityValue: 30,
    validityUnit: "DAY",
    rateDown: "10M",
    rateUp: "2M",
    connectionTypes: ["PPPOE", "HOTSPOT"],
    ...overrides,
  });
}

export async function makeRouter(actor: OperatorActor, overrides: { nasIp?: string; secret?: string; requireMessageAuthenticator?: boolean; coaPort?: number } = {}) {
  const { createRouter } = await import("@/lib/routers/save-router");
  const { secret: wanted, nasIp = uniqueLoopback(), ...fields } = overrides;
  const { router, secret } = await createRouter(actor, { name: uniq("Router "), nasIp, ...fields }, { secret: wanted });
  return { ...router, nasIp, secret };
}

/** Money into a reseller's wallet (cash taken by the ISP's owner), so it can sell customers. */
export async function fundWallet(staff: OperatorActor, operatorId: string, amount = "100000") {
  const { moveWalletMoney } = await import("@/lib/resellers/wallets");
  return moveWalletMoney(staff, { operatorId, direction: "IN", via: "CASH", amount, idempotencyKey: randomUUID() });
}
