// The audit log is append-only for every application role, tested as those roles on their own
// connections: isp_app (row-level security), and isp_app switched to isp_system the way
// withSystem() does. Both walls are checked: the privileges, and the trigger that holds even when
// someone grants the privileges back by mistake.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { makeTenant } from "@/lib/testing/factories";

type Scope = "isp_app" | "isp_system";

const app = new pg.Client({ connectionString: inject("appDatabaseUrl") });
const migrator = new pg.Client({ connectionString: inject("databaseUrl") });

beforeAll(async () => {
  await Promise.all([app.connect(), migrator.connect()]);
});
afterAll(async () => {
  await Promise.all([app.end(), migrator.end()]);
});

/** One committed transaction as the app, in the tenant (isp_app) or switched to isp_system. */
async function asApp(scope: Scope, tenantId: string, sql: string, params: unknown[] = [], first: string[] = []) {
  await app.query("BEGIN");
  try {
    if (scope === "isp_system") await app.query("SET LOCAL ROLE isp_system");
    else await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    for (const statement of first) await app.query(statement);
    const result = await app.query(sql, params);
    await app.query("COMMIT");
    return result;
  } catch (error) {
    await app.query("ROLLBACK");
    throw error;
  }
}

async function insertEntry(scope: Scope, tenantId: string): Promise<string> {
  const id = randomUUID();
  await asApp(
    scope,
    tenantId,
    `INSERT INTO audit_logs (id, tenant_id, actor_kind, actor_name, action, target_type) VALUES ($1, $2, 'SYSTEM', 'test', 'test.entry', 'Test')`,
    [id, tenantId],
  );
  return id;
}

/** What the row is, read by the migrator (no row-level security, no role switch). */
async function entry(id: string) {
  const { rows } = await migrator.query("SELECT action, actor_name FROM audit_logs WHERE id = $1", [id]);
  return rows[0] ?? null;
}

async function entryCount(tenantId: string): Promise<number> {
  const { rows } = await migrator.query("SELECT count(*)::int AS n FROM audit_logs WHERE tenant_id = $1", [tenantId]);
  return rows[0].n;
}

describe.each<Scope>(["isp_app", "isp_system"])("audit_logs as %s", (scope) => {
  it("INSERT works", async () => {
    const { tenantId } = await makeTenant();
    const id = await insertEntry(scope, tenantId);
    expect(await entry(id)).toEqual({ action: "test.entry", actor_name: "test" });
  });

  it("UPDATE is refused and the row stays as written", async () => {
    const { tenantId } = await makeTenant();
    const id = await insertEntry(scope, tenantId);
    await expect(asApp(scope, tenantId, "UPDATE audit_logs SET action = 'forged' WHERE id = $1", [id])).rejects.toThrow(/permission denied|append-only/);
    expect(await entry(id)).toEqual({ action: "test.entry", actor_name: "test" });
  });

  it("DELETE is refused and the row stays", async () => {
    const { tenantId } = await makeTenant();
    const id = await insertEntry(scope, tenantId);
    await expect(asApp(scope, tenantId, "DELETE FROM audit_logs WHERE id = $1", [id])).rejects.toThrow(/permission denied|append-only/);
    expect(await entry(id)).not.toBeNull();
  });

  it("TRUNCATE is refused", async () => {
    const { tenantId } = await makeTenant();
    await insertEntry(scope, tenantId);
    const before = await entryCount(tenantId);
    await expect(asApp(scope, tenantId, "TRUNCATE audit_logs")).rejects.toThrow(/permission denied|append-only/);
    expect(await entryCount(tenantId)).toBe(before);
  });
});

describe("the trigger wall", () => {
  it("holds when UPDATE, DELETE and TRUNCATE are granted back by mistake", async () => {
    const { tenantId } = await makeTenant();
    const id = await insertEntry("isp_system", tenantId);
    await migrator.query("GRANT UPDATE, DELETE, TRUNCATE ON audit_logs TO isp_app, isp_system");
    try {
      for (const scope of ["isp_app", "isp_system"] as const) {
        await expect(asApp(scope, tenantId, "UPDATE audit_logs SET action = 'forged' WHERE id = $1", [id])).rejects.toThrow(/UPDATE on audit_logs: the table is append-only/);
        await expect(asApp(scope, tenantId, "DELETE FROM audit_logs WHERE id = $1", [id])).rejects.toThrow(/DELETE on audit_logs: the table is append-only/);
        await expect(asApp(scope, tenantId, "TRUNCATE audit_logs")).rejects.toThrow(/TRUNCATE on audit_logs: the table is append-only/);
        // The opt-in setting is the owner's, not a password: the app setting it changes nothing.
        await expect(
          asApp(scope, tenantId, "DELETE FROM audit_logs WHERE id = $1", [id], ["SELECT set_config('isp.allow_append_only_mutation', 'on', true)"]),
        ).rejects.toThrow(/DELETE on audit_logs: the table is append-only/);
      }
    } finally {
      await migrator.query("REVOKE UPDATE, DELETE, TRUNCATE ON audit_logs FROM isp_app, isp_system");
    }
    expect(await entry(id)).toEqual({ action: "test.entry", actor_name: "test" });
  });

  it("stops a tenant's deletion from taking its audit rows with it", async () => {
    const { tenantId } = await makeTenant();
    const id = await insertEntry("isp_system", tenantId);
    await expect(asApp("isp_system", tenantId, "DELETE FROM tenants WHERE id = $1", [tenantId])).rejects.toThrow(/DELETE on audit_logs: the table is append-only/);
    expect(await entry(id)).not.toBeNull();
  });
});

describe("the deliberate path", () => {
  it("the owner must opt in, in its transaction, to erase a tenant and its audit rows", async () => {
    const { tenantId } = await makeTenant();
    await insertEntry("isp_system", tenantId);

    await expect(migrator.query("DELETE FROM tenants WHERE id = $1", [tenantId])).rejects.toThrow(/append-only/);
    expect(await entryCount(tenantId)).toBeGreaterThan(0);

    await migrator.query("BEGIN");
    await migrator.query("SELECT set_config('isp.allow_append_only_mutation', 'on', true)");
    await migrator.query("DELETE FROM tenants WHERE id = $1", [tenantId]);
    await migrator.query("COMMIT");
    expect(await entryCount(tenantId)).toBe(0);

    // The opt-in was transaction-local: the next statement is refused again.
    const other = await makeTenant();
    await insertEntry("isp_system", other.tenantId);
    await expect(migrator.query("DELETE FROM audit_logs WHERE tenant_id = $1", [other.tenantId])).rejects.toThrow(/append-only/);
  });
});
