// A fake PayMongo for tests and the offline demo, like fakes/daraja.ts: an HTTP server that speaks
// the part of PayMongo's API our adapter calls (Basic auth with the secret key; JSON:API-shaped
// bodies: checkout sessions create, retrieve and expire, webhooks list and create, refunds), a
// hosted checkout page with "Pay" and "Cancel" buttons that send the browser to success_url or
// cancel_url, and webhooks signed as PayMongo signs them (Paymongo-Signature: t, te in test mode,
// li in live mode; HMAC-SHA256 of "<t>.<raw body>" with the webhook's secret key). It also plays
// PayMongo's delivery rules: a failed delivery is retried a few times (`retries`), then given up
// for good, and a webhook that gave up on three events is switched off. What the customer does and
// how the webhooks travel are chosen by setMode or per call to complete().
import type { IncomingMessage, ServerResponse } from "node:http";
import { createHmac, randomBytes } from "node:crypto";
import { checkoutPageRoutes, deliveries, escapeHtml, fakeMode, jsonBody, randomChars, sendJson as send, serve, sleep } from "./fake-http";

export type PaymongoOutcome = "success" | "cancel" | "insufficient-funds";
export type PaymongoDelivery = "normal" | "duplicate" | "delayed" | "never" | "wrong-signature" | "wrong-amount" | "out-of-order";

export interface FakePaymongoWebhook {
  id: string;
  url: string;
  secretKey: string;
  events: string[];
  status: "enabled" | "disabled";
  /** Events whose every delivery failed: three switch the webhook off. */
  exhausted: number;
}

export interface FakePaymongoAccount {
  secretKey: string;
  webhooks: FakePaymongoWebhook[];
}

export interface FakePaymongoOptions {
  port?: number;
  host?: string;
  /** How late a "delayed" webhook is (ms). */
  delayMs?: number;
  /** Resends after a failed delivery (PayMongo: 12 over about two hours; default 0 here). */
  retries?: number;
  retryAfterMs?: number;
  /** A cancelled checkout is expired at once, as if its time had run out (default true). */
  expireOnCancel?: boolean;
}

interface FakePayment {
  id: string;
  amount: number;
  status: "paid" | "failed";
  failedCode: string | null;
  failedMessage: string | null;
  method: string;
  created: number;
  refunded: number;
}

export interface FakePaymongoSession {
  id: string;
  account: FakePaymongoAccount;
  lineItems: { name: string; amount: number; currency: string; quantity: number }[];
  amount: number;
  methods: string[];
  successUrl: string;
  cancelUrl: string;
  referenceNumber: string | null;
  description: string | null;
  metadata: Record<string, unknown>;
  status: "active" | "expired";
  intentId: string;
  payments: FakePayment[];
  created: number;
  updated: number;
}

export interface FakePaymongo {
  url: string;
  port: number;
  sessions: FakePaymongoSession[];
  /** Every webhook POST: the event, the HTTP status our side answered (null: unreachable). */
  sent: { url: string; eventId: string; type: string; status: number | null }[];
  addAccount(secretKey: string): FakePaymongoAccount;
  /** A webhook as the dashboard would create it; the secret key may be given (tests) or is made. */
  addWebhook(secretKey: string, webhook: { url: string; secretKey?: string; events?: string[] }): FakePaymongoWebhook;
  setMode(mode: { outcome?: PaymongoOutcome; delivery?: PaymongoDelivery }): void;
  complete(sessionId: string, outcome?: PaymongoOutcome): Promise<{ redirectTo: string }>;
  expire(sessionId: string): void;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const pmId = (prefix: string) => `${prefix}_${randomChars(24, ID_CHARS)}`;
const now = () => Math.floor(Date.now() / 1000);
const WRONG_SECRET = "whsk_not_the_webhook_secret_key";
const DEFAULT_EVENTS = ["checkout_session.payment.paid", "payment.paid", "payment.failed"];

const pmError = (res: ServerResponse, status: number, code: string, detail: string, attribute?: string) =>
  send(res, status, { errors: [{ code, detail, ...(attribute ? { source: { pointer: attribute, attribute } } : {}) }] });

export async function startFakePaymongo(options: FakePaymongoOptions = {}): Promise<FakePaymongo> {
  const host = options.host ?? "127.0.0.1";
  const delayMs = options.delayMs ?? 1_500;
  const retries = options.retries ?? 0;
  const retryAfterMs = options.retryAfterMs ?? 50;
  const expireOnCancel = options.expireOnCancel ?? true;
  const accounts = new Map<string, FakePaymongoAccount>();
  const sessions: FakePaymongoSession[] = [];
  const work = deliveries<FakePaymongo["sent"][number]>();
  const { mode, set: setMode } = fakeMode<PaymongoOutcome, PaymongoDelivery>({ outcome: "success", delivery: "normal" });
  let base = "";

  const live = (a: FakePaymongoAccount) => a.secretKey.startsWith("sk_live_");

  const paymentJson = (s: FakePaymongoSession, p: FakePayment, amountOverride?: number) => ({
    id: p.id,
    type: "payment",
    attributes: {
      access_url: null,
      amount: amountOverride ?? p.amount,
      balance_transaction_id: p.status === "paid" ? pmId("bal_txn") : null,
      billing: null,
      currency: "PHP",
      description: s.description,
      disputed: false,
      external_reference_number: s.referenceNumber,
      fee: p.status === "paid" ? Math.round(p.amount * 0.025) : 0,
      livemode: live(s.account),
      net_amount: p.status === "paid" ? p.amount - Math.round(p.amount * 0.025) : 0,
      origin: "api",
      payment_intent_id: s.intentId,
      payout: null,
      source: { id: pmId("src"), type: p.method },
      statement_descriptor: "FAKE ISP",
      status: p.status,
      failed_code: p.failedCode,
      failed_message: p.failedMessage,
      metadata: s.metadata,
      refunds: [],
      taxes: [],
      available_at: p.created + 3 * 86400,
      created_at: p.created,
      credited_at: p.created + 86400,
      paid_at: p.status === "paid" ? p.created : null,
      updated_at: p.created,
    },
  });

  const sessionJson = (s: FakePaymongoSession, amountOverride?: number) => {
    const paid = s.payments.some((p) => p.status === "paid");
    const lastFailed = [...s.payments].reverse().find((p) => p.status === "failed");
    return {
      id: s.id,
      type: "checkout_session",
      attributes: {
        billing: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null },
        billing_information_fields_editable: "enabled",
        cancel_url: s.cancelUrl,
        checkout_url: `${base}/checkout/${s.id}`,
        client_key: `${s.intentId}_client_${randomBytes(8).toString("hex")}`,
        customer_email: null,
        description: s.description,
        line_items: s.lineItems.map((l) => ({ ...l, description: null, images: [] })),
        livemode: live(s.account),
        merchant: "Fake ISP",
        payments: s.payments.map((p) => paymentJson(s, p, p.status === "paid" ? amountOverride : undefined)),
        payment_intent: {
          id: s.intentId,
          type: "payment_intent",
          attributes: {
            amount: s.amount,
            capture_type: "automatic",
            currency: "PHP",
            description: s.description,
            livemode: live(s.account),
            last_payment_error: !paid && lastFailed ? { failed_code: lastFailed.failedCode, failed_message: lastFailed.failedMessage } : null,
            payment_method_allowed: s.methods,
            payments: [],
            status: paid ? "succeeded" : "awaiting_payment_method",
            metadata: s.metadata,
            created_at: s.created,
            updated_at: s.updated,
          },
        },
        payment_method_types: s.methods,
        paid_at: paid ? s.updated : null,
        payment_method_used: paid ? s.payments.find((p) => p.status === "paid")!.method : null,
        reference_number: s.referenceNumber,
        send_email_receipt: false,
        show_description: true,
        show_line_items: true,
        status: s.status,
        success_url: s.successUrl,
        created_at: s.created,
        updated_at: s.updated,
        metadata: s.metadata,
      },
    };
  };

  const eventOf = (s: FakePaymongoSession, type: string, data: unknown) => ({
    data: { id: pmId("evt"), type: "event", attributes: { type, livemode: live(s.account), data, previous_data: {}, created_at: now(), updated_at: now() } },
  });

  /** One delivery to one webhook, retried as configured; counts an event whose every try failed. */
  const deliverTo = async (hook: FakePaymongoWebhook, account: FakePaymongoAccount, event: ReturnType<typeof eventOf>, secret: string) => {
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (hook.status !== "enabled") return null;
      if (attempt > 0) await sleep(retryAfterMs);
      const body = JSON.stringify(event);
      const t = String(now());
      const sig = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
      const header = live(account) ? `t=${t},te=,li=${sig}` : `t=${t},te=${sig},li=`;
      const status = await work.post(hook.url, body, { "Paymongo-Signature": header }, { url: hook.url, eventId: event.data.id, type: event.data.attributes.type });
      if (status !== null && status >= 200 && status < 300) return status;
    }
    // Given up: PayMongo never sends this event again, and switches off a webhook after three.
    if (++hook.exhausted >= 3) hook.status = "disabled";
    return null;
  };

  const deliver = (s: FakePaymongoSession, list: ReturnType<typeof eventOf>[], delivery: PaymongoDelivery) => {
    if (delivery === "never") return;
    const secretOf = (hook: FakePaymongoWebhook) => (delivery === "wrong-signature" ? WRONG_SECRET : hook.secretKey);
    void work.track(
      (async () => {
        if (delivery === "delayed") await sleep(delayMs);
        for (const event of list) {
          for (const hook of s.account.webhooks) {
            if (!hook.events.includes(event.data.attributes.type)) continue;
            await deliverTo(hook, s.account, event, secretOf(hook));
            if (delivery === "duplicate") await deliverTo(hook, s.account, event, secretOf(hook));
          }
        }
      })(),
    );
  };

  const failedPayment = (): FakePayment => ({ id: pmId("pay"), amount: 0, status: "failed", failedCode: "insufficient_funds", failedMessage: "The account does not have enough balance for this payment.", method: "gcash", created: now(), refunded: 0 });

  const complete = (s: FakePaymongoSession, outcome: PaymongoOutcome, delivery: PaymongoDelivery): string => {
    if (s.status !== "active" || s.payments.some((p) => p.status === "paid")) return s.status === "active" ? s.successUrl : s.cancelUrl;
    s.updated = now();
    if (outcome === "cancel") {
      if (expireOnCancel) s.status = "expired";
      return s.cancelUrl;
    }
    if (outcome === "insufficient-funds") {
      // The try fails; the page lets the customer try again (the session stays active).
      const p = { ...failedPayment(), amount: s.amount };
      s.payments.push(p);
      deliver(s, [eventOf(s, "payment.failed", paymentJson(s, p))], delivery);
      return `${base}/checkout/${s.id}`;
    }
    const earlier = delivery === "out-of-order" ? { ...failedPayment(), amount: s.amount, created: now() - 60 } : null;
    if (earlier) s.payments.push(earlier);
    const p: FakePayment = { id: pmId("pay"), amount: s.amount, status: "paid", failedCode: null, failedMessage: null, method: s.methods[0] ?? "gcash", created: now(), refunded: 0 };
    s.payments.push(p);
    const list = [eventOf(s, "payment.paid", paymentJson(s, p)), eventOf(s, "checkout_session.payment.paid", sessionJson(s, delivery === "wrong-amount" ? s.amount * 10 : undefined))];
    // Out of order: the failed first try's event arrives after the success.
    if (earlier) list.push(eventOf(s, "payment.failed", paymentJson(s, earlier)));
    deliver(s, list, delivery);
    return s.successUrl;
  };

  const checkoutPage = (s: FakePaymongoSession) => {
    const amount = `PHP ${(s.amount / 100).toFixed(2)}`;
    const failed = [...s.payments].reverse().find((p) => p.status === "failed");
    if (s.status !== "active" || s.payments.some((p) => p.status === "paid")) {
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout closed</title></head><body><main><h1>This checkout is no longer available</h1></main></body></html>`;
    }
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Pay ${escapeHtml(amount)} (fake PayMongo)</title></head>
<body><main>
<h1>Fake PayMongo Checkout</h1>
<p>${escapeHtml(s.description ?? s.lineItems[0]?.name ?? "")}</p>
<p data-testid="amount">${escapeHtml(amount)}</p>
<p>Methods: ${escapeHtml(s.methods.join(", "))}</p>
${failed ? `<p role="alert">Your last try failed: ${escapeHtml(failed.failedMessage ?? "declined")} Try again, or cancel.</p>` : ""}
<form method="post" action="/checkout/${s.id}/pay"><button type="submit">Pay</button></form>
<form method="post" action="/checkout/${s.id}/cancel"><button type="submit">Cancel</button></form>
</main></body></html>`;
  };

  const accountOf = (req: IncomingMessage) => {
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
    if (!m) return null;
    const [key, password = ""] = Buffer.from(m[1]!, "base64").toString("utf8").split(":");
    return password === "" ? (accounts.get(key ?? "") ?? null) : null;
  };

  const webhookJson = (a: FakePaymongoAccount, w: FakePaymongoWebhook) => ({
    id: w.id,
    type: "webhook",
    attributes: { livemode: live(a), secret_key: w.secretKey, events: w.events, url: w.url, status: w.status, created_at: now(), updated_at: now() },
  });

  const addWebhook = (a: FakePaymongoAccount, input: { url: string; secretKey?: string; events?: string[] }) => {
    const w: FakePaymongoWebhook = { id: pmId("hook"), url: input.url, secretKey: input.secretKey ?? `whsk_${randomBytes(18).toString("base64url")}`, events: input.events ?? DEFAULT_EVENTS, status: "enabled", exhausted: 0 };
    a.webhooks.push(w);
    return w;
  };

  const server = await serve(
    { port: options.port, host },
    (req, res, url, raw) => {
      const path = url.pathname;

      if (checkoutPageRoutes(req, res, sessions, checkoutPage, (s, cancelled) => complete(s, cancelled ? "cancel" : mode.outcome, mode.delivery))) return;

      const account = accountOf(req);
      if (!account) return pmError(res, 401, "api_key_invalid", "API key is invalid or missing. Authenticate with your secret key as the username and an empty password.");
      const parsed = jsonBody(raw);
      if (!parsed) return pmError(res, 400, "parameter_invalid", "The request body is not valid JSON.");
      const { body } = parsed;
      const attributes = ((body.data as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {}) as Record<string, unknown>;
      const mine = (id: string) => sessions.find((x) => x.id === id && x.account === account);

      if (req.method === "POST" && path === "/v1/checkout_sessions") {
        const items = Array.isArray(attributes.line_items) ? (attributes.line_items as Record<string, unknown>[]) : [];
        if (!items.length) return pmError(res, 400, "parameter_required", "line_items is required.", "line_items");
        for (const item of items) {
          if (item.currency !== "PHP") return pmError(res, 400, "parameter_invalid", "line_items.currency: only PHP is supported.", "line_items");
          if (!Number.isSafeInteger(item.amount) || (item.amount as number) < 100) return pmError(res, 400, "parameter_below_minimum", "line_items.amount cannot be less than 100.", "line_items");
          if (typeof item.name !== "string" || !item.name) return pmError(res, 400, "parameter_required", "line_items.name is required.", "line_items");
          if (!Number.isSafeInteger(item.quantity) || (item.quantity as number) < 1) return pmError(res, 400, "parameter_invalid", "line_items.quantity must be at least 1.", "line_items");
        }
        const methods = Array.isArray(attributes.payment_method_types) ? attributes.payment_method_types.map(String) : [];
        if (!methods.length) return pmError(res, 400, "parameter_required", "payment_method_types is required.", "payment_method_types");
        for (const field of ["success_url", "cancel_url"] as const) {
          if (typeof attributes[field] !== "string" || !URL.canParse(attributes[field])) return pmError(res, 400, "parameter_invalid", `${field} is not a valid URL.`, field);
        }
        const lineItems = items.map((i) => ({ name: String(i.name), amount: i.amount as number, currency: "PHP", quantity: i.quantity as number }));
        const s: FakePaymongoSession = {
          id: pmId("cs"),
          account,
          lineItems,
          amount: lineItems.reduce((sum, l) => sum + l.amount * l.quantity, 0),
          methods,
          successUrl: String(attributes.success_url),
          cancelUrl: String(attributes.cancel_url),
          referenceNumber: typeof attributes.reference_number === "string" ? attributes.reference_number : null,
          description: typeof attributes.description === "string" ? attributes.description : null,
          metadata: (attributes.metadata ?? {}) as Record<string, unknown>,
          status: "active",
          intentId: pmId("pi"),
          payments: [],
          created: now(),
          updated: now(),
        };
        sessions.push(s);
        return send(res, 200, { data: sessionJson(s) });
      }

      const one = /^\/v1\/checkout_sessions\/([^/]+)(\/expire)?$/.exec(path);
      if (one) {
        const id = decodeURIComponent(one[1]!);
        const s = mine(id);
        if (!s) return pmError(res, 404, "resource_not_found", `No such checkout_session with id ${id}.`);
        if (req.method === "GET" && !one[2]) return send(res, 200, { data: sessionJson(s) });
        if (req.method === "POST" && one[2]) {
          if (s.status !== "active") return pmError(res, 400, "resource_failed_state", "The checkout session is already expired.");
          s.status = "expired";
          s.updated = now();
          return send(res, 200, { data: sessionJson(s) });
        }
      }

      if (path === "/v1/webhooks") {
        if (req.method === "GET") return send(res, 200, { data: account.webhooks.map((w) => webhookJson(account, w)) });
        if (req.method === "POST") {
          if (typeof attributes.url !== "string" || !URL.canParse(attributes.url)) return pmError(res, 400, "parameter_invalid", "url is not a valid URL.", "url");
          if (account.webhooks.some((w) => w.url === attributes.url)) return pmError(res, 400, "resource_exists", "A webhook with this URL already exists.", "url");
          const events = Array.isArray(attributes.events) ? attributes.events.map(String) : [];
          if (!events.length) return pmError(res, 400, "parameter_required", "events is required.", "events");
          return send(res, 200, { data: webhookJson(account, addWebhook(account, { url: attributes.url, events })) });
        }
      }

      if (req.method === "POST" && path === "/v1/refunds") {
        const payment = sessions.filter((s) => s.account === account).flatMap((s) => s.payments).find((p) => p.id === attributes.payment_id);
        if (!payment) return pmError(res, 404, "resource_not_found", `No such payment with id ${String(attributes.payment_id ?? "")}.`, "payment_id");
        if (payment.status !== "paid") return pmError(res, 400, "resource_failed_state", "Only paid payments can be refunded.", "payment_id");
        const amount = Number(attributes.amount);
        if (!Number.isSafeInteger(amount) || amount < 1 || amount > payment.amount - payment.refunded) return pmError(res, 400, "parameter_above_maximum", "amount is more than what is left to refund.", "amount");
        payment.refunded += amount;
        return send(res, 200, { data: { id: pmId("ref"), type: "refund", attributes: { amount, currency: "PHP", payment_id: payment.id, reason: attributes.reason ?? "requested_by_customer", status: "pending", livemode: live(account), created_at: now(), updated_at: now() } } });
      }

      return pmError(res, 404, "route_not_found", `${req.method} ${path} is not a PayMongo route.`);
    },
    (res) => pmError(res, 500, "internal_error", "The fake PayMongo failed."),
  );
  base = server.url;
  const find = (id: string) => {
    const s = sessions.find((x) => x.id === id);
    if (!s) throw new Error(`fake PayMongo: no session ${id}`);
    return s;
  };
  const accountFor = (secretKey: string) => {
    let a = accounts.get(secretKey);
    if (!a) {
      a = { secretKey, webhooks: [] };
      accounts.set(secretKey, a);
    }
    return a;
  };
  return {
    url: base,
    port: server.port,
    sessions,
    sent: work.sent,
    addAccount: accountFor,
    addWebhook: (secretKey, webhook) => addWebhook(accountFor(secretKey), webhook),
    setMode,
    async complete(sessionId, outcome) {
      return { redirectTo: complete(find(sessionId), outcome ?? mode.outcome, mode.delivery) };
    },
    expire(sessionId) {
      const s = find(sessionId);
      s.status = "expired";
      s.updated = now();
    },
    settled: work.settled,
    close: server.close,
  };
}
