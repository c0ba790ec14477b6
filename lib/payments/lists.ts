// What the admin's online payments page shows (docs/payments.md): every attempt and announced
// payment with its gateway, status and reason; the money waiting in suspense; every webhook request
// with what became of it; and one request as it arrived (headers and raw body), for staff who may
// see billing. Newest first, 200 at a time, filtered by status.
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { withTenant } from "@/lib/db";
import type { GatewayPaymentStatus, WebhookOutcome } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { adapterFor } from "./gateways/registry";
import type { GatewayKindName } from "./gateways/types";

/** The token in an M-Pesa callback path is a secret: shown cut. */
const maskToken = (path: string) => path.replace(/\/([0-9a-f]{48})(?=\/|$)/, (_m, t: string) => `/${t.slice(0, 4)}…`);

export const ATTEMPT_STATUSES: GatewayPaymentStatus[] = ["PENDING", "SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "SUSPENSE"];
export const WEBHOOK_OUTCOMES: WebhookOutcome[] = ["RECEIVED", "ACCEPTED", "DUPLICATE", "IGNORED", "REJECTED", "FAILED"];

export interface AttemptRow {
  id: string;
  createdAt: Date;
  gatewayName: string;
  customerId: string | null;
  customerUsername: string | null;
  purpose: string;
  amountMinor: bigint;
  currency: string;
  status: GatewayPaymentStatus;
  gatewayRef: string | null;
  gatewayTxnId: string | null;
  accountRef: string | null;
  phone: string | null;
  receiptNumber: string | null;
  failureReason: string | null;
  refundedAt: Date | null;
  refundRequested: boolean;
  /** A paid payment whose gateway can refund it from here. */
  refundable: boolean;
}

export async function listGatewayPayments(actor: OperatorActor, filter: { status?: string | null } = {}): Promise<AttemptRow[]> {
  assertCan(actor, "billing:view");
  const status = ATTEMPT_STATUSES.find((s) => s === filter.status) ?? null;
  return withTenant(actor.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<
      { id: string; created_at: Date; gateway_name: string; gateway_kind: GatewayKindName; customer_id: string | null; username: string | null; purpose: string; amount_minor: bigint; currency: string; status: GatewayPaymentStatus; gateway_ref: string | null; gateway_txn_id: string | null; account_ref: string | null; phone: string | null; receipt_number: string | null; failure_reason: string | null; refunded_at: Date | null; refund_requested_at: Date | null }[]
    >`
      SELECT gp.id, gp.created_at, g.name AS gateway_name, g.kind::text AS gateway_kind, gp.refunded_at, gp.refund_requested_at, gp.customer_id, c.username, gp.purpose::text AS purpose, gp.amount_minor, gp.currency, gp.status,
             gp.gateway_ref, gp.gateway_txn_id, gp.account_ref, gp.phone, p.receipt_number, gp.failure_reason
        FROM gateway_payments gp
        JOIN payment_gateways g ON g.id = gp.gateway_id
        LEFT JOIN customers c ON c.id = gp.customer_id
        LEFT JOIN payments p ON p.id = gp.payment_id
       WHERE gp.tenant_id = ${actor.tenantId}::uuid AND (${status}::text IS NULL OR gp.status::text = ${status}::text)
       ORDER BY gp.created_at DESC LIMIT 200`;
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at,
      gatewayName: r.gateway_name,
      customerId: r.customer_id,
      customerUsername: r.username,
      purpose: r.purpose,
      amountMinor: r.amount_minor,
      currency: r.currency,
      status: r.status,
      gatewayRef: r.gateway_ref,
      gatewayTxnId: r.gateway_txn_id,
      accountRef: r.account_ref,
      phone: r.phone,
      receiptNumber: r.receipt_number,
      failureReason: r.failure_reason,
      refundedAt: r.refunded_at,
      refundRequested: r.refund_requested_at !== null,
      refundable: r.status === "SUCCEEDED" && r.refund_requested_at === null && Boolean(adapterFor(r.gateway_kind).refund),
    }));
  });
}

export interface WebhookRow {
  id: bigint;
  receivedAt: Date;
  gatewayName: string | null;
  gatewayKind: string;
  method: string;
  path: string;
  outcome: WebhookOutcome;
  reason: string | null;
  eventId: string | null;
  attempts: number;
  bytes: number;
}

export async function listWebhookRequests(actor: OperatorActor, filter: { outcome?: string | null } = {}): Promise<WebhookRow[]> {
  assertCan(actor, "billing:view");
  const outcome = WEBHOOK_OUTCOMES.find((o) => o === filter.outcome) ?? null;
  return withTenant(actor.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<
      { id: bigint; received_at: Date; gateway_name: string | null; gateway_kind: string; method: string; path: string; outcome: WebhookOutcome; reason: string | null; event_id: string | null; attempts: number; bytes: number }[]
    >`
      SELECT w.id, w.received_at, g.name AS gateway_name, w.gateway_kind, w.method, w.path, w.outcome, w.reason, w.event_id, w.attempts, octet_length(w.body) AS bytes
        FROM webhook_requests w LEFT JOIN payment_gateways g ON g.id = w.gateway_id
       WHERE w.tenant_id = ${actor.tenantId}::uuid AND (${outcome}::text IS NULL OR w.outcome::text = ${outcome}::text)
       ORDER BY w.received_at DESC, w.id DESC LIMIT 200`;
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      gatewayName: r.gateway_name,
      gatewayKind: r.gateway_kind,
      method: r.method,
      path: maskToken(r.path),
      outcome: r.outcome,
      reason: r.reason,
      eventId: r.event_id,
      attempts: r.attempts,
      bytes: Number(r.bytes),
    }));
  });
}

/** One stored request as it arrived: headers and the body as text (bytes that are not UTF-8 shown escaped). */
export async function getWebhookRequest(actor: OperatorActor, id: string) {
  assertCan(actor, "billing:view");
  if (!/^\d{1,18}$/.test(id)) throw new AppError("NOT_FOUND", { userMessage: "Request not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const row = await tx.webhookRequest.findFirst({ where: { id: BigInt(id), tenantId: actor.tenantId } });
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "Request not found." });
    const gateway = row.gatewayId ? await tx.paymentGateway.findUnique({ where: { id: row.gatewayId }, select: { name: true } }) : null;
    const body = Buffer.from(row.body);
    const text = body.toString("utf8");
    return {
      id: row.id,
      receivedAt: row.receivedAt,
      gatewayName: gateway?.name ?? null,
      method: row.method,
      path: maskToken(row.path),
      sourceIp: row.sourceIp,
      headers: row.headers as Record<string, string>,
      body: Buffer.from(text, "utf8").equals(body) ? text : body.toString("latin1").replace(/[^\x20-\x7e\n\r\t]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`),
      outcome: row.outcome,
      reason: row.reason,
      eventId: row.eventId,
      attempts: row.attempts,
      processedAt: row.processedAt,
      gatewayPaymentId: row.gatewayPaymentId,
    };
  });
}
