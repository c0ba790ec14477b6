// Issued invoices and payments hold still for every application role: tested on raw connections
// as isp_app (row-level security) and as isp_system (withSystem()), not through the services.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { asAppRole, type AppScope } from "@/lib/testing/app-role";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { makeCustomer, makeTenant } from "@/lib/testing/factories";
import { createInvoice } from "./invoices/invoice-services";
import { recordPayment } from "./payments/payment-services";

type Scope = AppScope;
const app = new pg.Client({ connectionString: inject("appDatabaseUrl") });
beforeAll(() => app.connect());
afterAll(() => app.end());

const asApp = (scope: Scope, tenantId: string, sql: string, params: unknown[] = []) => asAppRole(app, scope, tenantId, sql, params);

async function issued() {
  const t = await makeTenant();
  const customer = (await makeCustomer(t.owner))!;
  const invoice = await createInvoice(t.owner, { customerId: customer.id, lines: [{ description: "Router", unitPrice: "2500", kind: "ONE_TIME" }], issue: true });
  const paid = await recordPayment(t.owner, { customerId: customer.id, method: "CASH", amount: "100", idempotencyKey: randomUUID() });
  return { tenantId: t.tenantId, invoice, payment: paid.payment };
}

describe.each<Scope>(["isp_app", "isp_system"])("issued documents as %s", (scope) => {
  it("an issued invoice cannot be changed, renumbered, sent back to draft or deleted; its lines neither", async () => {
    const d = await issued();
    for (const sql of [
      `UPDATE invoices SET total_minor = 1 WHERE id = $1`,
      `UPDATE invoices SET number = 'INV-FAKE' WHERE id = $1`,
      `UPDATE invoices SET status = 'DRAFT' WHERE id = $1`,
      `UPDATE invoices SET issued_at = now() - interval '1 year' WHERE id = $1`,
      `DELETE FROM invoices WHERE id = $1`,
      `UPDATE invoice_lines SET net_minor = 1, total_minor = 1 + tax_minor WHERE invoice_id = $1`,
      `DELETE FROM invoice_lines WHERE invoice_id = $1`,
      `INSERT INTO invoice_lines (tenant_id, invoice_id, position, kind, description, unit_price_minor, net_minor, total_minor) SELECT tenant_id, id, 99, 'ONE_TIME', 'extra', 1, 1, 1 FROM invoices WHERE id = $1`,
    ]) {
      await expect(asApp(scope, d.tenantId, sql, [d.invoice.id]), sql).rejects.toThrow(/cannot|never|permission denied/);
    }
    const { rows } = await asApp(scope, d.tenantId, `SELECT number, total_minor::text, status FROM invoices WHERE id = $1`, [d.invoice.id]);
    expect(rows[0]).toEqual({ number: d.invoice.number, total_minor: "250000", status: "PARTIALLY_PAID" });
  });

  it("a line joins only an invoice of its own tenant that exists by commit, even with the key deferred", async () => {
    const mine = await issued();
    const theirs = await makeTenant();
    const theirCustomer = (await makeCustomer(theirs.owner))!;
    const draft = await createInvoice(theirs.owner, { customerId: theirCustomer.id, lines: [{ description: "Setup", unitPrice: "10", kind: "ONE_TIME" }], issue: false });
    const line = (invoiceId: string) =>
      `INSERT INTO invoice_lines (tenant_id, invoice_id, position, kind, description, unit_price_minor, net_minor, total_minor) VALUES ('${mine.tenantId}', '${invoiceId}', 98, 'ONE_TIME', 'extra', 1, 1, 1)`;
    // Another tenant's draft, and an invoice that does not exist: refused at once.
    await expect(asApp(scope, mine.tenantId, line(draft.id))).rejects.toThrow(/invoice_lines_invoice_id_tenant_id_fkey|violates/);
    await expect(asApp(scope, mine.tenantId, line(randomUUID()))).rejects.toThrow(/invoice_lines_invoice_id_tenant_id_fkey|violates/);
    // With the key deferred (as the bill run writes lines before their invoice): refused at commit.
    for (const invoiceId of [draft.id, randomUUID()]) {
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.tenant_id', $1, true)", [mine.tenantId]);
      if (scope === "isp_system") await app.query("SET LOCAL ROLE isp_system");
      await app.query("SET CONSTRAINTS invoice_lines_invoice_id_tenant_id_fkey DEFERRED");
      await app.query(line(invoiceId));
      await expect(app.query("COMMIT")).rejects.toThrow(/invoice_lines_invoice_id_tenant_id_fkey|violates/);
    }
    const { rows } = await asApp(scope, mine.tenantId, `SELECT count(*)::int AS n FROM invoice_lines WHERE description = 'extra'`);
    expect(rows[0]).toEqual({ n: 0 });
  });

  it("an invoice cannot be marked paid beyond its total", async () => {
    const d = await issued();
    await expect(asApp(scope, d.tenantId, `UPDATE invoices SET paid_minor = total_minor + 1 WHERE id = $1`, [d.invoice.id])).rejects.toThrow(/invoices_paid_check/);
  });

  it("a payment cannot be changed or deleted, and allocations are append-only", async () => {
    const d = await issued();
    for (const sql of [
      `UPDATE payments SET amount_minor = 1 WHERE id = $1`,
      `UPDATE payments SET collected_by_id = NULL WHERE id = $1`,
      `DELETE FROM payments WHERE id = $1`,
      `UPDATE payment_allocations SET amount_minor = 1 WHERE payment_id = $1`,
      `DELETE FROM payment_allocations WHERE payment_id = $1`,
    ]) {
      await expect(asApp(scope, d.tenantId, sql, [d.payment.id]), sql).rejects.toThrow(/cannot|never|permission denied|append-only/);
    }
  });
});
