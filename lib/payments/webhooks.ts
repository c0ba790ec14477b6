// Webhook requests (docs/payments.md, "Webhooks"): stored exactly as received before anything else
// happens, then verified and read by the gateway's adapter, then settled event by event. What
// became of the request (accepted, duplicate, ignored, rejected with the reason, failed) is written
// on its row; the raw request itself never changes (a trigger refuses it). A request whose
// processing failed (the database, a status query that timed out) stays FAILED and the job
// payments.webhook-retry processes it again: a payment is never lost to a bad moment.
import { appPool, withSystem } from "@/lib/db";
import type { PaymentGateway } from "@/lib/db/generated/client";
import { publicBaseUrl } from "@/lib/next/public-url";
import { adapterBySlug, adapterFor } from "./gateways/registry";
import { CallbackRejected, GatewayError, type CallbackReply, type GatewayEvent, type RawRequest } from "./gateways/types";
import { gatewayAccount } from "./gateway-account";
import { settleEvent, type SettleOutcome } from "./settle";

/** Larger bodies are kept (cut to this size) and refused. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Headers kept: all but cookies and our own proxy's, each cut to 2,000 characters. */
const DROP_HEADERS = new Set(["cookie", "authorization"]);

export interface IncomingWebhook {
  slug: string;
  gatewayId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string | null;
}

export interface WebhookAnswer {
  status: number;
  body: unknown;
  requestId: bigint;
  /** Send the browser here (a gateway's return to us) instead of answering with the body. */
  location?: string;
}

function keptHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!DROP_HEADERS.has(k.toLowerCase())) out[k.toLowerCase()] = v.slice(0, 2000);
  return out;
}

/** Gateways by id, for a few seconds: a burst of callbacks reads the row once. */
const GATEWAY_TTL_MS = 5_000;
const gateways = new Map<string, { gateway: PaymentGateway | null; until: number }>();

async function gatewayById(id: string): Promise<PaymentGateway | null> {
  const hit = gateways.get(id);
  if (hit && hit.until > Date.now()) return hit.gateway;
  const gateway = await withSystem("webhooks: the gateway a request names", (tx) => tx.paymentGateway.findUnique({ where: { id } }));
  if (gateways.size > 1_000) gateways.clear();
  gateways.set(id, { gateway, until: Date.now() + GATEWAY_TTL_MS });
  return gateway;
}

/** Forgets a cached gateway (its settings changed in this process). */
export const forgetGateway = (id: string) => gateways.delete(id);

/** Stores the request as received, before anything else: one statement (webhook_store). */
async function store(req: IncomingWebhook): Promise<{ id: bigint; gateway: PaymentGateway | null }> {
  const adapter = adapterBySlug(req.slug);
  const { rows } = await appPool().query<{ request_id: string; gateway_id: string | null }>("SELECT request_id, gateway_id FROM webhook_store($1, $2, $3, $4, $5, $6, $7)", [
    (adapter?.kind ?? req.slug).slice(0, 40),
    req.gatewayId.slice(0, 100),
    req.method,
    req.url,
    JSON.stringify(keptHeaders(req.headers)),
    req.body.subarray(0, MAX_BODY_BYTES),
    req.sourceIp,
  ]);
  const row = rows[0]!;
  return { id: BigInt(row.request_id), gateway: row.gateway_id ? await gatewayById(row.gateway_id) : null };
}

async function mark(id: bigint, data: { outcome: SettleOutcome["outcome"] | "FAILED"; reason: string; eventId?: string | null; gatewayPaymentId?: string | null }) {
  await withSystem("webhooks: record what became of a request", (tx) =>
    tx.webhookRequest.update({
      where: { id },
      data: { outcome: data.outcome, reason: data.reason.slice(0, 1000), eventId: data.eventId?.slice(0, 200) ?? undefined, gatewayPaymentId: data.gatewayPaymentId ?? undefined, processedAt: new Date(), attempts: { increment: 1 } },
    }),
  );
}

const RANK: Record<SettleOutcome["outcome"], number> = { IGNORED: 0, DUPLICATE: 1, ACCEPTED: 2, REJECTED: 3 };

/**
 * When every event of a callback concerns an attempt already past pending (a repeated success, a
 * stale failure), its outcome is known without the gateway or the ledger: recorded and returned by
 * one statement (webhook_settled_already). Null when any event still needs settling.
 */
async function settledAlready(id: bigint, gateway: PaymentGateway, events: GatewayEvent[]): Promise<SettleOutcome | null> {
  const refs: string[] = [];
  const success: boolean[] = [];
  for (const e of events) {
    if (e.type === "ignored" || e.type === "pending" || !e.gatewayRef) return null;
    refs.push(e.gatewayRef);
    success.push(e.type === "succeeded");
  }
  if (!refs.length) return null;
  const { rows } = await appPool().query<{ outcome: SettleOutcome["outcome"]; reason: string; gateway_payment_id: string }>(
    "SELECT outcome, reason, gateway_payment_id FROM webhook_settled_already($1, $2, $3, $4, $5)",
    [id.toString(), gateway.id, refs, success, events[0]!.eventId ?? null],
  );
  const r = rows[0];
  return r ? { outcome: r.outcome, reason: r.reason, gatewayPaymentId: r.gateway_payment_id } : null;
}

/** Confirms an unsigned success with the gateway before it counts (M-Pesa). */
async function confirmed(gateway: PaymentGateway, event: GatewayEvent): Promise<GatewayEvent | SettleOutcome> {
  if (event.type !== "succeeded" || !event.gatewayRef) return event;
  const ref = event.gatewayRef;
  const attempt = await withSystem("webhooks: the attempt a callback names", (tx) => tx.gatewayPayment.findUnique({ where: { gatewayId_gatewayRef: { gatewayId: gateway.id, gatewayRef: ref } }, select: { amountMinor: true, currency: true } }));
  if (!attempt) return { outcome: "IGNORED", reason: `No payment of ours has the reference ${JSON.stringify(ref.slice(0, 80))}.` };
  const status = await adapterFor(gateway.kind).query(gatewayAccount(gateway), ref, { amountMinor: attempt.amountMinor, currency: attempt.currency });
  if (status.event.type === "succeeded") {
    return { ...event, txnId: event.txnId ?? status.event.txnId ?? null, amountMinor: event.amountMinor ?? status.event.amountMinor, currency: event.amountMinor === null ? status.event.currency : event.currency };
  }
  if (status.event.type === "pending") return { outcome: "IGNORED", reason: "The gateway's status query does not confirm it yet: the reconcile job will ask again.", gatewayPaymentId: null };
  // The gateway's own answer is trusted: a failure it reports settles the attempt as failed.
  return status.event;
}

/** Verifies, reads and settles a stored request; records the outcome. Throws nothing. */
export async function processWebhook(id: bigint, gateway: PaymentGateway | null, raw: RawRequest): Promise<{ status: number; body: unknown; location?: string }> {
  if (!gateway) {
    await mark(id, { outcome: "REJECTED", reason: "No such gateway: the URL names none of ours." });
    return { status: 404, body: { error: "unknown gateway" } };
  }
  if (!gateway.enabled) {
    await mark(id, { outcome: "REJECTED", reason: "The gateway is switched off in the settings." });
    return { status: 404, body: { error: "gateway disabled" } };
  }
  const adapter = adapterFor(gateway.kind);
  let reply: CallbackReply | undefined;
  let events: GatewayEvent[];
  let confirmByQuery = false;
  try {
    const parsed = await adapter.parseCallback(gatewayAccount(gateway), raw);
    ({ events, reply, confirmByQuery = false } = parsed);
  } catch (e) {
    if (e instanceof CallbackRejected) {
      await mark(id, { outcome: "REJECTED", reason: e.reason });
      return { status: e.status, body: { error: e.reason } };
    }
    await mark(id, { outcome: "FAILED", reason: `Reading the callback failed: ${e instanceof Error ? e.message : String(e)}` });
    return { status: 500, body: { error: "processing failed; it will be retried" } };
  }
  try {
    // Most repeats concern a payment already settled: answered from one read, no gateway call.
    const known = await settledAlready(id, gateway, events);
    if (known) return reply?.redirectToPayment ? { status: 303, body: null, location: await paymentPage(gateway, known.gatewayPaymentId ?? null) } : (reply ?? { status: 200, body: { ok: true } });
    let result: SettleOutcome = { outcome: "IGNORED", reason: "No event in the callback." };
    let eventId: string | null = null;
    for (const event of events) {
      eventId ??= event.eventId ?? null;
      const checked = confirmByQuery ? await confirmed(gateway, event) : event;
      const r = "outcome" in checked ? checked : await settleEvent(gateway, checked);
      if (RANK[r.outcome] >= RANK[result.outcome] || result.reason === "No event in the callback.") result = r;
    }
    await mark(id, { ...result, eventId });
    // A browser back from the gateway goes on to its payment's page, whatever became of it.
    if (reply?.redirectToPayment) return { status: 303, body: null, location: await paymentPage(gateway, result.gatewayPaymentId ?? (await attemptOf(gateway, events))) };
    // A refused callback is a 4xx; anything else is acknowledged as the gateway expects.
    if (result.outcome === "REJECTED") return { status: 422, body: { error: result.reason } };
    return reply ?? { status: 200, body: { ok: true } };
  } catch (e) {
    const why = e instanceof GatewayError ? `the gateway: ${e.message}` : e instanceof Error ? e.message : String(e);
    console.error(`[payments] webhook ${id} for gateway ${gateway.id} (tenant ${gateway.tenantId}) failed, will retry: ${why}`);
    await mark(id, { outcome: "FAILED", reason: `Processing failed, will be retried: ${why}` });
    return { status: 500, body: { error: "processing failed; it will be retried" } };
  }
}

/** The attempt a callback's events name, if it is ours. */
async function attemptOf(gateway: PaymentGateway, events: GatewayEvent[]): Promise<string | null> {
  const ref = events.map((e) => ("gatewayRef" in e ? e.gatewayRef : null)).find(Boolean);
  if (!ref) return null;
  const gp = await withSystem("webhooks: the attempt a browser returns to", (tx) => tx.gatewayPayment.findUnique({ where: { gatewayId_gatewayRef: { gatewayId: gateway.id, gatewayRef: ref } }, select: { id: true } }));
  return gp?.id ?? null;
}

/** The portal page of a payment (or the portal's home when the request named none of ours). */
async function paymentPage(gateway: PaymentGateway, gatewayPaymentId: string | null): Promise<string> {
  const { slug } = await withSystem("webhooks: the portal of a gateway's ISP", (tx) => tx.tenant.findUniqueOrThrow({ where: { id: gateway.tenantId }, select: { slug: true } }));
  return `${publicBaseUrl()}/portal/${slug}${gatewayPaymentId ? `/payments/${gatewayPaymentId}` : ""}`;
}

/** The route's whole job: store first, then process, then answer. */
export async function receiveWebhook(req: IncomingWebhook): Promise<WebhookAnswer> {
  const arrived = new Date();
  const { id, gateway } = await store(req);
  if (req.body.length > MAX_BODY_BYTES) {
    await mark(id, { outcome: "REJECTED", reason: `The body is ${req.body.length} bytes; at most ${MAX_BODY_BYTES} are accepted.` });
    return { status: 413, body: { error: "body too large" }, requestId: id };
  }
  const answer = await processWebhook(id, gateway, { method: req.method, url: req.url, headers: keptHeaders(req.headers), body: req.body, receivedAt: arrived });
  return { ...answer, requestId: id };
}

/** Processes again the requests whose processing failed or never finished (the retry job). */
export async function retryFailedWebhooks(options: { limit?: number; olderThanMs?: number } = {}): Promise<{ retried: number; settled: number }> {
  const { limit = 100, olderThanMs = 60_000 } = options;
  const before = new Date(Date.now() - olderThanMs);
  const rows = await withSystem("webhooks: failed requests to retry", (tx) =>
    tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM webhook_requests
       WHERE outcome IN ('FAILED', 'RECEIVED') AND attempts < 20 AND gateway_id IS NOT NULL
         AND received_at < ${before}
       ORDER BY received_at LIMIT ${limit}`,
  );
  let settled = 0;
  for (const { id } of rows) {
    const row = await withSystem("webhooks: load a request to retry", (tx) => tx.webhookRequest.findUniqueOrThrow({ where: { id } }));
    const gateway = await withSystem("webhooks: its gateway", (tx) => tx.paymentGateway.findUnique({ where: { id: row.gatewayId! } }));
    const answer = await processWebhook(id, gateway, { method: row.method, url: row.path, headers: row.headers as Record<string, string>, body: Buffer.from(row.body), receivedAt: row.receivedAt });
    if (answer.status < 500) settled++;
  }
  return { retried: rows.length, settled };
}

/** How long stored requests are kept: those naming no gateway of ours, and the rest once processed. */
export const WEBHOOK_RETENTION = { unknownDays: 7, processedDays: 400 };

/**
 * Deletes stored requests past retention, in batches: junk sent to URLs that name no gateway
 * (kept a week, for the platform to look at), and processed requests after about 13 months (a
 * year's disputes). Failed or unprocessed ones are kept for the retry job. Returns how many.
 */
export async function pruneWebhookRequests(now = new Date(), batch = 5_000): Promise<number> {
  const unknownBefore = new Date(now.getTime() - WEBHOOK_RETENTION.unknownDays * 86_400_000);
  const processedBefore = new Date(now.getTime() - WEBHOOK_RETENTION.processedDays * 86_400_000);
  let total = 0;
  for (;;) {
    const n = await withSystem("webhooks: retention", (tx) =>
      tx.$executeRaw`
        DELETE FROM webhook_requests WHERE id IN (
          SELECT id FROM webhook_requests
           WHERE (gateway_id IS NULL AND received_at < ${unknownBefore})
              OR (outcome NOT IN ('FAILED', 'RECEIVED') AND received_at < ${processedBefore})
           LIMIT ${batch})`,
    );
    total += n;
    if (n < batch) return total;
  }
}
