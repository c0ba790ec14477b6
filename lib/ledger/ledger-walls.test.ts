// The ledger's walls, tested as each application role on its own connection (isp_app under
// row-level security, and isp_app switched to isp_system as withSystem() does) and as the
// migrator that owns the tables: entries and transactions cannot be changed or removed, the app
// cannot write them except through ledger_post(), and an unbalanced transaction fails at COMMIT.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { asAppRole, type AppScope } from "@/lib/testing/app-role";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { withTenant } from "@/lib/db";
import { makeTenant } from "@/lib/testing/factories";
import { postTransaction, systemAccount } from "./index";

type Scope = AppScope;

const app = new pg.Client({ connectionString: inject("appDatabaseUrl") });
const migrator = new pg.Client({ connectionString: inject("databaseUrl") });
beforeAll(async () => {
  await Promise.all([app.connect(), migrator.connect()]);
});
afterAll(async () => {
  await Promise.all([app.end(), migrator.end()]);
});

const asApp = (scope: Scope, tenantId: string, sql: string, params: unknown[] = []) => asAppRole(app, scope, tenantId, sql, params);

async function book() {
  const t = await makeTenant();
  const { cash, revenue, posted } = await withTenant(t.tenantId, async (tx) => {
    const cash = await systemAccount(tx, t.tenantId, "cash", "KES");
    const revenue = await systemAccount(tx, t.tenantId, "revenue", "KES");
    const posted = await postTransaction(tx, t.tenantId, { key: "sale", event: "test", legs: [{ accountId: cash, amountMinor: 100n }, { accountId: revenue, amountMinor: -100n }] });
    return { cash, revenue, posted };
  });
  return { tenantId: t.tenantId, cash, revenue, txId: posted.transactionId };
}

describe.each<Scope>(["isp_app", "isp_system"])("the ledger as %s", (scope) => {
  it("cannot update, delete or truncate entries or transactions", async () => {
    const b = await book();
    for (const sql of [
      `UPDATE ledger_entries SET amount_minor = amount_minor * 2 WHERE transaction_id = '${b.txId}'`,
      `DELETE FROM ledger_entries WHERE transaction_id = '${b.txId}'`,
      `UPDATE ledger_transactions SET memo = 'edited' WHERE id = '${b.txId}'`,
      `DELETE FROM ledger_transactions WHERE id = '${b.txId}'`,
      `TRUNCATE ledger_entries`,
    ]) {
      await expect(asApp(scope, b.tenantId, sql), sql).rejects.toThrow(/permission denied/);
    }
    const { rows } = await migrator.query("SELECT sum(abs(amount_minor))::int AS total, count(*)::int AS n FROM ledger_entries WHERE transaction_id = $1", [b.txId]);
    expect(rows[0]).toEqual({ total: 200, n: 2 });
  });

  it("cannot insert entries or transactions, or move a cached balance, except through ledger_post", async () => {
    const b = await book();
    await expect(
      asApp(scope, b.tenantId, `INSERT INTO ledger_entries (tenant_id, transaction_id, leg_no, account_id, currency, amount_minor) VALUES ($1, $2, 9, $3, 'KES', 5)`, [b.tenantId, b.txId, b.cash]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asApp(scope, b.tenantId, `INSERT INTO ledger_transactions (tenant_id, idempotency_key, event, legs_digest) VALUES ($1, 'x', 'x', 'x')`, [b.tenantId]),
    ).rejects.toThrow(/permission denied/);
    await expect(asApp(scope, b.tenantId, `UPDATE ledger_accounts SET balance_minor = 0 WHERE id = $1`, [b.cash])).rejects.toThrow(/permission denied/);
    await expect(asApp(scope, b.tenantId, `DELETE FROM ledger_accounts WHERE id = $1`, [b.cash])).rejects.toThrow(/permission denied/);
  });

  it("is refused by ledger_post for an unbalanced transaction, and writes nothing", async () => {
    const b = await book();
    const legs = JSON.stringify([{ key: randomUUID(), event: "x", legs: [{ account: b.cash, amount: "5" }, { account: b.revenue, amount: "-4" }] }]);
    await expect(asApp(scope, b.tenantId, `SELECT * FROM ledger_post($1, $2::jsonb)`, [b.tenantId, legs])).rejects.toThrow(/does not balance/);
  });

  it("cannot smuggle its own scratch table into ledger_post", async () => {
    const b = await book();
    await app.query("BEGIN");
    try {
      await app.query("SELECT set_config('app.tenant_id', $1, true)", [b.tenantId]);
      if (scope === "isp_system") await app.query("SET LOCAL ROLE isp_system");
      await app.query("CREATE TEMP TABLE ledger_post_tx (n int) ON COMMIT DROP");
      const legs = JSON.stringify([{ key: randomUUID(), event: "x", legs: [{ account: b.cash, amount: "5" }, { account: b.revenue, amount: "-5" }] }]);
      await expect(app.query(`SELECT * FROM ledger_post($1, $2::jsonb)`, [b.tenantId, legs])).rejects.toThrow(/scratch tables/);
    } finally {
      await app.query("ROLLBACK");
    }
  });
});

describe("the balance check at commit", () => {
  it("refuses an unbalanced transaction written by the table owner itself, at COMMIT", async () => {
    const b = await book();
    const txId = randomUUID();
    await migrator.query("BEGIN");
    await migrator.query(`INSERT INTO ledger_transactions (id, tenant_id, idempotency_key, event, legs_digest) VALUES ($1, $2, $3, 'manual', 'x')`, [txId, b.tenantId, randomUUID()]);
    // Statements inside the transaction succeed: the check is deferred to COMMIT.
    await migrator.query(`INSERT INTO ledger_entries (tenant_id, transaction_id, leg_no, account_id, currency, amount_minor) VALUES ($1, $2, 1, $3, 'KES', 100), ($1, $2, 2, $4, 'KES', -99)`, [b.tenantId, txId, b.cash, b.revenue]);
    await expect(migrator.query("COMMIT")).rejects.toThrow(/does not balance/);
    const { rows } = await migrator.query("SELECT count(*)::int AS n FROM ledger_transactions WHERE id = $1", [txId]);
    expect(rows[0].n).toBe(0);
  });

  it("lets a balanced one written by the owner through", async () => {
    const b = await book();
    const txId = randomUUID();
    await migrator.query("BEGIN");
    await migrator.query(`INSERT INTO ledger_transactions (id, tenant_id, idempotency_key, event, legs_digest) VALUES ($1, $2, $3, 'manual', 'x')`, [txId, b.tenantId, randomUUID()]);
    await migrator.query(`INSERT INTO ledger_entries (tenant_id, transaction_id, leg_no, account_id, currency, amount_minor) VALUES ($1, $2, 1, $3, 'KES', 100)`, [b.tenantId, txId, b.cash]);
    await migrator.query(`INSERT INTO ledger_entries (tenant_id, transaction_id, leg_no, account_id, currency, amount_minor) VALUES ($1, $2, 2, $3, 'KES', -100)`, [b.tenantId, txId, b.revenue]);
    await migrator.query("COMMIT");
  });
});
