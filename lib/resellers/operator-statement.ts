// A reseller's statements: every posted movement of its wallet, or of its commission payable,
// between two local dates, with the balance after each one (docs/resellers.md, "Statements").
// Read straight from ledger_entries, so a statement can never disagree with the books. The same
// rows make the page and the CSV, XLSX and PDF files.
import type { OperatorActor } from "@/lib/audit/actor";
import { withTenant, type Tx } from "@/lib/db";
import type { Operator } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { localPeriod } from "@/lib/billing/calc/cycle";
import { documentTenant } from "@/lib/billing/statements/document-tenant";
import { renderReportFile, type ExportFile } from "@/lib/billing/lists/render-export";
import type { ExportColumn } from "@/lib/documents/export-columns";
import { formatAmount } from "@/lib/documents/format";
import { walletCode, walletLimit } from "./wallet-account";
import { walletOwner } from "./wallets";
import { commissionPayableCode } from "./commission-accounts";

export const STATEMENT_ACCOUNTS = ["wallet", "commissions"] as const;
export type StatementAccount = (typeof STATEMENT_ACCOUNTS)[number];
/** Rows on one statement; a longer period is refused with a clear message (narrow the dates). */
export const OPERATOR_STATEMENT_MAX_ROWS = 20_000;

export interface OperatorStatementRow {
  transactionId: string;
  at: Date;
  event: string;
  /** What happened, in words: "Top-up (cash)", "Recharge of cust0042", "Commission on RCT-2026-00012". */
  description: string;
  reference: string | null;
  inMinor: bigint | null;
  outMinor: bigint | null;
  balanceMinor: bigint;
}

export interface OperatorStatement {
  operator: { id: string; name: string; role: string; billingMode: string };
  account: StatementAccount;
  currency: string;
  from: string;
  to: string;
  /** A postpaid reseller's credit limit (wallet only). */
  limitMinor: bigint;
  openingMinor: bigint;
  rows: OperatorStatementRow[];
  inMinor: bigint;
  outMinor: bigint;
  closingMinor: bigint;
}

function describe(event: string, self: string, r: { operator_id: string | null; operator_name: string | null; username: string | null; in: boolean }): string {
  const other = r.operator_id && r.operator_id !== self ? r.operator_name : null;
  switch (event) {
    case "wallet.top-up":
      return "Top-up";
    case "wallet.pay-out":
      return "Paid out";
    case "wallet.transfer-in":
      return other ? `Top-up of ${other}` : "Top-up from your reseller";
    case "wallet.transfer-out":
      return other ? `Taken back from ${other}` : "Taken back by your reseller";
    case "payment.reseller_wallet":
      return `Recharge of ${r.username ?? "a customer"}`;
    case "payment.reverse":
      return `Recharge of ${r.username ?? "a customer"} reversed`;
    case "commission.earn":
      return `Commission on a payment by ${r.username ?? "a customer"}`;
    case "commission.reverse":
      return `Commission reversed (payment by ${r.username ?? "a customer"} reversed)`;
    case "commission.payout":
      return "Commission paid out";
    default:
      return event;
  }
}

async function accountOf(tx: Tx, tenantId: string, op: Operator, account: StatementAccount, currency: string) {
  const code = account === "wallet" ? walletCode(op.id) : commissionPayableCode(op.id);
  return tx.ledgerAccount.findFirst({ where: { tenantId, code, currency }, select: { id: true } });
}

export interface StatementQuery {
  account?: string | null;
  from?: string | null;
  to?: string | null;
}

export async function getOperatorStatement(actor: OperatorActor, operatorId: string | null, query: StatementQuery): Promise<OperatorStatement> {
  return withTenant(actor.tenantId, (tx) => readStatement(tx, actor, operatorId, query));
}

async function readStatement(tx: Tx, actor: OperatorActor, operatorId: string | null, query: StatementQuery): Promise<OperatorStatement> {
  const op = await walletOwner(tx, actor, operatorId);
  const account: StatementAccount = query.account === "commissions" ? "commissions" : "wallet";
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true, timezone: true } });
  const { from, to, start, end } = localPeriod(query, tenant.timezone);
  if (from > to) throw new AppError("VALIDATION", { userMessage: "The start date is after the end date.", fieldErrors: { from: ["After the end date."] } });
  const acc = await accountOf(tx, actor.tenantId, op, account, tenant.currency);
  const base = {
    operator: { id: op.id, name: op.name, role: op.role, billingMode: op.billingMode },
    account,
    currency: tenant.currency,
    from,
    to,
    limitMinor: account === "wallet" ? walletLimit(op) : 0n,
  };
  if (!acc) return { ...base, openingMinor: 0n, rows: [], inMinor: 0n, outMinor: 0n, closingMinor: 0n };

  const [opening] = await tx.$queryRaw<{ sum: bigint | null }[]>`
    SELECT sum(-e.amount_minor)::bigint AS sum FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
     WHERE e.account_id = ${acc.id}::uuid AND e.pending = false AND t.effective_at < ${start}`;
  const rows = await tx.$queryRaw<{ id: string; at: Date; event: string; memo: string | null; operator_id: string | null; operator_name: string | null; username: string | null; amount: bigint }[]>`
    SELECT t.id, t.effective_at AS at, t.event, t.memo, t.operator_id, o.name AS operator_name, c.username, -e.amount_minor AS amount
      FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
      LEFT JOIN operators o ON o.id = t.operator_id
      LEFT JOIN customers c ON c.id = t.customer_id
     WHERE e.account_id = ${acc.id}::uuid AND e.pending = false AND t.effective_at >= ${start} AND t.effective_at < ${end}
     ORDER BY t.effective_at, e.id
     LIMIT ${OPERATOR_STATEMENT_MAX_ROWS + 1}`;
  if (rows.length > OPERATOR_STATEMENT_MAX_ROWS) {
    throw new AppError("VALIDATION", { userMessage: `More than ${OPERATOR_STATEMENT_MAX_ROWS.toLocaleString("en-US")} movements in this period: choose shorter dates.` });
  }
  const openingMinor = opening?.sum ?? 0n;
  let balance = openingMinor;
  let inMinor = 0n;
  let outMinor = 0n;
  const out: OperatorStatementRow[] = rows.map((r) => {
    balance += r.amount;
    if (r.amount >= 0n) inMinor += r.amount;
    else outMinor -= r.amount;
    return {
      transactionId: r.id,
      at: r.at,
      event: r.event,
      description: describe(r.event, op.id, { ...r, in: r.amount >= 0n }),
      reference: r.memo,
      inMinor: r.amount >= 0n ? r.amount : null,
      outMinor: r.amount < 0n ? -r.amount : null,
      balanceMinor: balance,
    };
  });
  return { ...base, openingMinor, rows: out, inMinor, outMinor, closingMinor: balance };
}

export const STATEMENT_FORMATS = ["csv", "xlsx", "pdf"] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

const COLUMNS: ExportColumn[] = [
  { header: "Date", key: "at", type: "date", withTime: true },
  { header: "Description", key: "description", type: "text" },
  { header: "Reference", key: "reference", type: "text" },
  { header: "In", key: "inMinor", type: "money" },
  { header: "Out", key: "outMinor", type: "money" },
  { header: "Balance", key: "balanceMinor", type: "money" },
];

/** The statement as a file for the accountant or the reseller: CSV, XLSX or PDF. */
export async function exportOperatorStatement(actor: OperatorActor, operatorId: string | null, query: StatementQuery, format: StatementFormat): Promise<ExportFile> {
  const { statement, tenant } = await withTenant(actor.tenantId, async (tx) => ({ statement: await readStatement(tx, actor, operatorId, query), tenant: await documentTenant(tx, actor.tenantId) }));
  const what = `${statement.account === "wallet" ? "wallet" : "commissions"}-${statement.operator.name.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "reseller"}-${statement.from}-to-${statement.to}`;
  const rows = [{ at: null, description: "Opening balance", reference: null, inMinor: null, outMinor: null, balanceMinor: statement.openingMinor }, ...statement.rows];
  const money = (m: bigint) => formatAmount(m, statement.currency, tenant.locale);
  return renderReportFile(what, COLUMNS, rows, tenant, format, {
    title: `${statement.account === "wallet" ? "Wallet statement" : "Commission statement"}: ${statement.operator.name}`,
      lines: [
        `${statement.from} to ${statement.to}`,
        `Opening ${money(statement.openingMinor)}  ·  In ${money(statement.inMinor)}  ·  Out ${money(statement.outMinor)}  ·  Closing ${money(statement.closingMinor)}`,
        ...(statement.limitMinor > 0n ? [`Credit limit ${money(statement.limitMinor)}`] : []),
      ],
  });
}
