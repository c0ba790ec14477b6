// Helpers for the authorization tests (*.authz.test.ts): a refused call must throw the right
// AppError AND leave the tenant's data exactly as it was, audit log included.
import { expect } from "vitest";
import { withSystem } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Every table that holds a tenant's rows, found in the catalog so a new table is covered too. */
async function tenantTables(): Promise<string[]> {
  const rows = await withSystem("test: tenant tables", (tx) =>
    tx.$queryRaw<{ table_name: string }[]>`
      SELECT c.table_name::text AS table_name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id'
       ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

/** One digest per table of everything the tenant owns (and its tenants row): equal means untouched. */
export async function tenantFingerprint(tenantId: string): Promise<Record<string, string>> {
  const tables = await tenantTables();
  const digest = (from: string, where: string) =>
    `SELECT '${from}' AS name, md5(coalesce(string_agg(to_jsonb(t)::text, '|' ORDER BY to_jsonb(t)::text), '')) AS digest FROM "${from}" t WHERE ${where} = $1::uuid`;
  const sql = [digest("tenants", "id"), ...tables.map((t) => digest(t, "tenant_id"))].join(" UNION ALL ");
  const rows = await withSystem("test: tenant fingerprint", (tx) => tx.$queryRawUnsafe<{ name: string; digest: string }[]>(sql, tenantId));
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

type Refusal = "FORBIDDEN" | "NOT_FOUND" | "VALIDATION";

/**
 * The call is refused with one of `codes` (403, 404 by default; 422 where the refusal is a choice
 * the actor may not make, e.g. another reseller as owner), and every tenant in `tenants` is
 * unchanged afterwards.
 */
export async function expectRefused(call: () => Promise<unknown>, tenants: string[], codes: Refusal[] = ["FORBIDDEN", "NOT_FOUND"]): Promise<AppError> {
  const before = await Promise.all(tenants.map(tenantFingerprint));
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the call must be refused").toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(codes, `refused with ${appError.code}: ${appError.userMessage}`).toContain(appError.code);
  const after = await Promise.all(tenants.map(tenantFingerprint));
  expect(after, "a refused call changed the database").toEqual(before);
  return appError;
}

/**
 * An ISP with one operator of every role (two reseller subtrees), and a second ISP whose owner
 * plays the operator of another tenant.
 */
export async function makeCast() {
  const { makeOperator, makeTenant } = await import("./factories");
  const t = await makeTenant();
  const other = await makeTenant();
  const [admin, manager, reseller, otherReseller] = await Promise.all([
    makeOperator(t.owner, "ADMIN"),
    makeOperator(t.owner, "MANAGER"),
    makeOperator(t.owner, "RESELLER"),
    makeOperator(t.owner, "RESELLER"),
  ]);
  const [subReseller, otherSubReseller] = await Promise.all([
    makeOperator(reseller.actor, "SUB_RESELLER"),
    makeOperator(otherReseller.actor, "SUB_RESELLER"),
  ]);
  return {
    tenantId: t.tenantId,
    owner: t.owner,
    admin: admin.actor,
    manager: manager.actor,
    reseller: reseller.actor,
    subReseller: subReseller.actor,
    otherReseller: otherReseller.actor,
    otherSubReseller: otherSubReseller.actor,
    /** The owner of another ISP. */
    stranger: other.owner,
    strangerTenantId: other.tenantId,
  };
}

export type Cast = Awaited<ReturnType<typeof makeCast>>;
