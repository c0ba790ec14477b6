// For the walls tests: one committed statement on a raw connection as an application role, the
// way the app runs it: isp_app with the tenant set (row-level security), or switched to
// isp_system as withSystem() does. Rolled back and rethrown when PostgreSQL refuses it.
import type pg from "pg";

export type AppScope = "isp_app" | "isp_system";

export async function asAppRole(client: pg.Client, scope: AppScope, tenantId: string, sql: string, params: unknown[] = []) {
  await client.query("BEGIN");
  try {
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    if (scope === "isp_system") await client.query("SET LOCAL ROLE isp_system");
    const result = await client.query(sql, params);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
