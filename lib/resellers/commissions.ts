// Commissions (docs/resellers.md, "Commissions"): when a customer of a reseller or sub-reseller
// pays the ISP (cash at the office, a bank transfer, online), the reseller chain earns its share.
// The job on billing/payment.received posts it: commission expense against each operator's
// commission payable, one ledger transaction keyed commission:<payment id> with one commissions
// row per operator, in one database transaction. A second run finds the key and does nothing. A
// reversed payment reverses its commission in the same transaction as the payment's reversal.
// Payouts move a payable to cash, the bank or the operator's wallet.
import { z } from "zod";
import type { OperatorActor, SystemActor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { can, isStaff } from "@/lib/auth/permissions";
import { withTenant, type Tx } from "@/lib/db";
import type { Payment } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { lockCustomerForBilling } from "@/lib/billing/billing-context";
import { collectorCashAccount, postTransaction, systemAccount, type Leg } from "@/lib/ledger";
import { parseAmount } from "@/lib/money/parse-amount";
import { localPeriod } from "@/lib/billing/calc/cycle";
import { commissionPayableAccount } from "./commission-accounts";
import { splitCommission, type ShareHolder } from "./commission-split";
import { optionalText, formToken } from "./form-text";
import { resellerTarget } from "./reseller-target";
import { walletAccount } from "./wallet-account";
import { documentTenant } from "@/lib/billing/statements/document-tenant";
import { renderReportFile, type ExportFile } from "@/lib/billing/lists/render-export";
import type { ExportColumn } from "@/lib/documents/export-columns";

export interface PostedCommission {
  paymentId: string;
  /** Why nothing was posted, when nothing was. */
  skipped?: "not-found" | "reversed" | "no-reseller" | "from-wallet" | "nothing-to-share" | "already-posted";
  parts: { operatorId: string; amountMinor: string }[];
}

/** The reseller chain a customer's payments are shared with: its reseller, and its sub-reseller if the owner is one. */
async function shareHolders(tx: Tx, operatorId: string | null): Promise<{ reseller: ShareHolder | null; sub: ShareHolder | null }> {
  if (!operatorId) return { reseller: null, sub: null };
  const owner = await tx.operator.findUnique({ where: { id: operatorId }, select: { id: true, role: true, parentId: true, commissionShareBp: true } });
  if (!owner) return { reseller: null, sub: null };
  if (owner.role === "RESELLER") return { reseller: { operatorId: owner.id, shareBp: owner.commissionShareBp }, sub: null };
  if (owner.role !== "SUB_RESELLER" || !owner.parentId) return { reseller: null, sub: null };
  const parent = await tx.operator.findUniqueOrThrow({ where: { id: owner.parentId }, select: { id: true, commissionShareBp: true } });
  return { reseller: { operatorId: parent.id, shareBp: parent.commissionShareBp }, sub: { operatorId: owner.id, shareBp: owner.commissionShareBp } };
}

/** The commission on one payment, posted once (the job's step). */
export async function postCommissionTx(tx: Tx, tenantId: string, paymentId: string): Promise<PostedCommission> {
  const found = await tx.payment.findFirst({ where: { id: paymentId, tenantId }, select: { customerId: true } });
  if (!found) return { paymentId, skipped: "not-found", parts: [] };
  // The reversal takes the same lock: a payment is either reversed before this reads it (nothing
  // posted) or after this commits (the reversal finds the commission and reverses it).
  await lockCustomerForBilling(tx, tenantId, found.customerId);
  const payment = await tx.payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (payment.status === "REVERSED") return { paymentId, skipped: "reversed", parts: [] };
  // A reseller's own recharge is paid from its wallet at its buy price: its margin is its earning.
  if (payment.method === "RESELLER_WALLET") return { paymentId, skipped: "from-wallet", parts: [] };
  // So is a card a reseller bought from its wallet (docs/vouchers.md).
  if (payment.method === "VOUCHER") {
    const card = await tx.voucher.findFirst({ where: { tenantId, paymentId }, select: { batchId: true } });
    const batch = card ? await tx.voucherBatch.findUnique({ where: { id: card.batchId }, select: { ownerId: true } }) : null;
    if (batch?.ownerId) return { paymentId, skipped: "from-wallet", parts: [] };
  }
  const already = await tx.commission.findMany({ where: { tenantId, paymentId } });
  if (already.length) return { paymentId, skipped: "already-posted", parts: already.map((c) => ({ operatorId: c.operatorId, amountMinor: c.amountMinor.toString() })) };
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: payment.customerId }, select: { operatorId: true } });
  const { reseller, sub } = await shareHolders(tx, customer.operatorId);
  if (!reseller) return { paymentId, skipped: "no-reseller", parts: [] };
  const split = splitCommission(payment.amountMinor, reseller, sub);
  if (!split.parts.length) return { paymentId, skipped: "nothing-to-share", parts: [] };

  const total = split.parts.reduce((s, p) => s + p.amountMinor, 0n);
  const expense = await systemAccount(tx, tenantId, "commissionExpense", payment.currency);
  const legs: Leg[] = [{ accountId: expense, amountMinor: total }];
  for (const p of split.parts) legs.push({ accountId: await commissionPayableAccount(tx, tenantId, p.operatorId, payment.currency), amountMinor: -p.amountMinor });
  const posted = await postTransaction(tx, tenantId, {
    key: `commission:${payment.id}`,
    event: "commission.earn",
    memo: `Receipt ${payment.receiptNumber}`,
    refType: "payment",
    refId: payment.id,
    customerId: payment.customerId,
    operatorId: split.parts[0]!.operatorId,
    effectiveAt: payment.receivedAt,
    legs,
  });
  await tx.commission.createMany({
    data: split.parts.map((p) => ({
      tenantId,
      paymentId: payment.id,
      operatorId: p.operatorId,
      customerId: payment.customerId,
      baseMinor: payment.amountMinor,
      shareBp: p.shareBp,
      amountMinor: p.amountMinor,
      currency: payment.currency,
      earnedAt: payment.receivedAt,
      transactionId: posted.transactionId,
    })),
    skipDuplicates: true,
  });
  return { paymentId, parts: split.parts.map((p) => ({ operatorId: p.operatorId, amountMinor: p.amountMinor.toString() })) };
}

export function postCommission(tenantId: string, paymentId: string): Promise<PostedCommission> {
  return withTenant(tenantId, (tx) => postCommissionTx(tx, tenantId, paymentId));
}

/** Called inside a payment's reversal (its customer already locked): the commission goes back too. */
export async function reverseCommissionTx(tx: Tx, tenantId: string, payment: Pick<Payment, "id" | "receiptNumber">, at: Date, actor: OperatorActor | SystemActor | null): Promise<void> {
  const rows = await tx.commission.findMany({ where: { tenantId, paymentId: payment.id, reversedAt: null } });
  if (!rows.length) return;
  const reversal = await postTransaction(tx, tenantId, {
    key: `commission:${payment.id}:reverse`,
    event: "commission.reverse",
    memo: `Receipt ${payment.receiptNumber} reversed`,
    refType: "payment",
    refId: payment.id,
    customerId: rows[0]!.customerId,
    operatorId: rows[0]!.operatorId,
    effectiveAt: at,
    reverses: rows[0]!.transactionId,
  });
  await tx.commission.updateMany({ where: { tenantId, paymentId: payment.id, reversedAt: null }, data: { reversedAt: at, reversalTransactionId: reversal.transactionId } });
  if (actor) {
    await recordAudit(tx, { actor, action: "commission.reverse", targetType: "Operator", targetId: rows[0]!.operatorId, after: { paymentId: payment.id, receipt: payment.receiptNumber, parts: rows.map((r) => ({ operatorId: r.operatorId, amountMinor: r.amountMinor })) } });
  }
}


export const payoutSchema = z.object({
  operatorId: z.uuid("Choose a reseller."),
  /** Cash or bank: the ISP pays the money out. WALLET: it goes into the operator's wallet. */
  to: z.enum(["CASH", "BANK_TRANSFER", "WALLET"], "Choose cash, bank transfer or the wallet."),
  amount: z.string().trim().min(1, "Enter the amount.").max(40, "At most 40 characters."),
  reference: optionalText(120),
  idempotencyKey: formToken,
});
export type PayoutInput = z.input<typeof payoutSchema>;

/** Pays out (part of) what the ISP owes a reseller in commissions. Staff only (billing:manage). */
export async function payOutCommission(actor: OperatorActor, input: PayoutInput) {
  if (!can(actor, "billing:manage")) throw new AppError("FORBIDDEN", { userMessage: "Only the ISP's owner or admins pay commissions out." });
  const data = payoutSchema.parse(input);
  return withTenant(actor.tenantId, async (tx) => {
    const op = await resellerTarget(tx, actor, data.operatorId, ["RESELLER", "SUB_RESELLER"]);
    const { currency } = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { currency: true } });
    const amountMinor = parseAmount(data.amount, currency, { field: "amount" });
    if (amountMinor <= 0n) throw new AppError("VALIDATION", { userMessage: "The amount must be more than zero.", fieldErrors: { amount: ["Must be more than zero."] } });
    const payable = await commissionPayableAccount(tx, actor.tenantId, op.id, currency);
    // Payouts to one operator take turns (its row locked), so two cannot both spend what is owed.
    await tx.$executeRaw`SELECT 1 FROM operators WHERE id = ${op.id}::uuid FOR NO KEY UPDATE`;
    const owed = -(await tx.ledgerAccount.findUniqueOrThrow({ where: { id: payable }, select: { balanceMinor: true } })).balanceMinor;
    if (amountMinor > owed) throw new AppError("VALIDATION", { userMessage: "That is more than the commission owed.", fieldErrors: { amount: [`At most what is owed.`] } });
    const to = data.to === "WALLET" ? await walletAccount(tx, actor.tenantId, op, currency) : data.to === "CASH" ? await collectorCashAccount(tx, actor.tenantId, actor.id, currency) : await systemAccount(tx, actor.tenantId, "bank", currency);
    const posted = await postTransaction(tx, actor.tenantId, {
      key: `commission-payout:${actor.id}:${data.idempotencyKey}`,
      event: "commission.payout",
      memo: data.reference,
      refType: "operator",
      refId: op.id,
      operatorId: op.id,
      legs: [
        { accountId: payable, amountMinor },
        { accountId: to, amountMinor: -amountMinor },
      ],
    });
    if (!posted.existed) await recordAudit(tx, { actor, action: "commission.payout", targetType: "Operator", targetId: op.id, after: { amountMinor, to: data.to, reference: data.reference } });
    return { transactionId: posted.transactionId, existed: posted.existed, owedMinor: owed - (posted.existed ? 0n : amountMinor) };
  });
}

export interface CommissionReportRow {
  operatorId: string;
  name: string;
  role: string;
  payments: number;
  baseMinor: bigint;
  earnedMinor: bigint;
  reversedMinor: bigint;
  netMinor: bigint;
  /** Owed now (all time), whatever the period. */
  owedMinor: bigint;
}

/** Commissions per reseller earned in a period (local dates): staff see all, a reseller itself and its sub-resellers. */
export async function commissionReport(actor: OperatorActor, query: { from?: string | null; to?: string | null }) {
  if (!isStaff(actor.role) && actor.role !== "RESELLER" && actor.role !== "SUB_RESELLER") throw new AppError("FORBIDDEN");
  if (isStaff(actor.role) && !can(actor, "billing:view")) throw new AppError("FORBIDDEN");
  return withTenant(actor.tenantId, async (tx) => {
    const t = await tx.tenant.findUniqueOrThrow({ where: { id: actor.tenantId }, select: { timezone: true, currency: true } });
    const { from, to, start, end } = localPeriod(query, t.timezone);
    // A reseller: itself and the operators below it (paths are "/<reseller>/<sub>/").
    const scope = isStaff(actor.role) ? null : `${actor.path}%`;
    const rows = await tx.$queryRaw<{ id: string; name: string; role: string; payments: bigint; base: bigint; earned: bigint; reversed: bigint; owed: bigint | null }[]>`
      SELECT o.id, o.name, o.role::text AS role,
             count(c.id) FILTER (WHERE c.earned_at >= ${start} AND c.earned_at < ${end})::bigint AS payments,
             coalesce(sum(c.base_minor) FILTER (WHERE c.earned_at >= ${start} AND c.earned_at < ${end}), 0)::bigint AS base,
             coalesce(sum(c.amount_minor) FILTER (WHERE c.earned_at >= ${start} AND c.earned_at < ${end}), 0)::bigint AS earned,
             coalesce(sum(c.amount_minor) FILTER (WHERE c.reversed_at >= ${start} AND c.reversed_at < ${end}), 0)::bigint AS reversed,
             (SELECT -a.balance_minor FROM ledger_accounts a WHERE a.tenant_id = o.tenant_id AND a.code = 'commission_payable:' || o.id::text AND a.currency = ${t.currency}) AS owed
        FROM operators o LEFT JOIN commissions c ON c.operator_id = o.id AND c.tenant_id = o.tenant_id
       WHERE o.tenant_id = ${actor.tenantId}::uuid AND o.role IN ('RESELLER', 'SUB_RESELLER')
         AND (${scope}::text IS NULL OR o.path LIKE ${scope}::text)
       GROUP BY o.id, o.name, o.role
       ORDER BY o.name, o.id`;
    const out: CommissionReportRow[] = rows.map((r) => ({
      operatorId: r.id,
      name: r.name,
      role: r.role,
      payments: Number(r.payments),
      baseMinor: r.base,
      earnedMinor: r.earned,
      reversedMinor: r.reversed,
      netMinor: r.earned - r.reversed,
      owedMinor: r.owed ?? 0n,
    }));
    const sum = (k: "baseMinor" | "earnedMinor" | "reversedMinor" | "netMinor" | "owedMinor") => out.reduce((s, r) => s + r[k], 0n);
    return { from, to, currency: t.currency, rows: out, totals: { baseMinor: sum("baseMinor"), earnedMinor: sum("earnedMinor"), reversedMinor: sum("reversedMinor"), netMinor: sum("netMinor"), owedMinor: sum("owedMinor") } };
  });
}

const REPORT_COLUMNS: ExportColumn[] = [
  { header: "Reseller", key: "name", type: "text" },
  { header: "Role", key: "role", type: "text" },
  { header: "Payments", key: "payments", type: "integer" },
  { header: "Paid by customers", key: "baseMinor", type: "money" },
  { header: "Earned", key: "earnedMinor", type: "money" },
  { header: "Reversed", key: "reversedMinor", type: "money" },
  { header: "Net", key: "netMinor", type: "money" },
  { header: "Owed now", key: "owedMinor", type: "money" },
];

/** The commission report as CSV, XLSX or PDF. */
export async function exportCommissionReport(actor: OperatorActor, query: { from?: string | null; to?: string | null }, format: "csv" | "xlsx" | "pdf"): Promise<ExportFile> {
  const report = await commissionReport(actor, query);
  const tenant = await withTenant(actor.tenantId, (tx) => documentTenant(tx, actor.tenantId));
  const rows = report.rows.map((r) => ({ ...r, role: r.role === "SUB_RESELLER" ? "Sub-reseller" : "Reseller", payments: BigInt(r.payments) }));
  const what = `commissions-${report.from}-to-${report.to}`;
  return renderReportFile(what, REPORT_COLUMNS, rows, tenant, format, { title: "Commissions", lines: [`${report.from} to ${report.to}`] });
}
