// A fake Stripe for tests and the offline demo, like fakes/daraja.ts: an HTTP server that speaks the
// part of Stripe's API our adapter calls through the official SDK (form-encoded POSTs to /v1/...,
// answered with Stripe-shaped JSON: Checkout Sessions create, retrieve with the payment intent
// expanded, expire; balance; refunds), a hosted checkout page with "Pay" and "Cancel" buttons that
// send the browser to success_url or cancel_url, and webhooks signed for real with the endpoint's
// secret (the SDK's generateTestHeaderString). A Stripe account is a secret key with one webhook
// endpoint (addAccount). What the customer does (pay, cancel, a bank that refuses for lack of
// funds) and how the webhooks travel (twice, late, never, badly signed, with a wrong amount, or an
// `expired` arriving after `completed`) are chosen by setMode or per call to complete(), so every
// fault a real deployment meets can be played.
import type { IncomingMessage, ServerResponse } from "node:http";
import Stripe from "stripe";
import { currencyExponent, isCurrency } from "@/lib/money/currencies";
import { checkoutPageRoutes, deliveries, escapeHtml, fakeMode, randomChars, sendJson, serve, sleep } from "./fake-http";

export type StripeOutcome = "success" | "cancel" | "insufficient-funds";
export type StripeDelivery = "normal" | "duplicate" | "delayed" | "never" | "wrong-signature" | "wrong-amount" | "out-of-order";

export interface FakeStripeAccount {
  secretKey: string;
  webhookSecret: string;
  /** Where this account's webhook endpoint points (null: no endpoint, nothing is sent). */
  webhookUrl: string | null;
}

export interface FakeStripeOptions {
  port?: number;
  host?: string;
  accounts?: FakeStripeAccount[];
  /** How late a "delayed" webhook is (ms). */
  delayMs?: number;
  /** Between `completed` and `async_payment_failed` for a refused delayed payment (ms). */
  asyncAfterMs?: number;
  /** A cancelled checkout is expired at once, as if its 24 hours had passed (default true). */
  expireOnCancel?: boolean;
}

interface FakeIntent {
  id: string;
  amount: number;
  currency: string;
  status: "processing" | "succeeded" | "requires_payment_method";
  lastPaymentError: { code: string; decline_code: string; message: string } | null;
  refunded: number;
}

export interface FakeStripeSession {
  id: string;
  account: FakeStripeAccount;
  amount: number;
  currency: string;
  productName: string;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  customerEmail: string | null;
  status: "open" | "complete" | "expired";
  paymentStatus: "unpaid" | "paid";
  intent: FakeIntent | null;
  created: number;
  expiresAt: number;
  idempotencyKey: string | null;
}

export interface FakeStripe {
  url: string;
  port: number;
  sessions: FakeStripeSession[];
  /** Every webhook POSTed: the event, the HTTP status our side answered (null: unreachable). */
  sent: { url: string; eventId: string; type: string; status: number | null }[];
  /** Every API call, for assertions (the idempotency key the SDK sent). */
  requests: { method: string; path: string; idempotencyKey: string | null }[];
  addAccount(account: FakeStripeAccount): void;
  setMode(mode: { outcome?: StripeOutcome; delivery?: StripeDelivery }): void;
  /** The customer finishes on the checkout page; resolves with where the browser is sent. Webhooks follow (see settled). */
  complete(sessionId: string, outcome?: StripeOutcome): Promise<{ redirectTo: string }>;
  /** The session's time runs out (or we expire it): checkout.session.expired is sent. */
  expire(sessionId: string): void;
  /** Sends a stored event again, freshly signed (Stripe's retry). */
  resend(eventId: string): Promise<number | null>;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const stripeId = (prefix: string, n = 24) => `${prefix}_${randomChars(n, ID_CHARS)}`;
const now = () => Math.floor(Date.now() / 1000);
const WRONG_SECRET = "whsec_not_the_endpoint_secret_0000";

/** Stripe's form encoding (a[b][0][c]=v) back into objects and arrays. */
export function parseStripeForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.split(/[[\]]+/).filter(Boolean);
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  const arrays = (v: unknown): unknown => {
    if (!v || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length && keys.every((k) => /^\d+$/.test(k))) return keys.sort((a, b) => Number(a) - Number(b)).map((k) => arrays(o[k]));
    return Object.fromEntries(keys.map((k) => [k, arrays(o[k])]));
  };
  return arrays(root) as Record<string, unknown>;
}

const send = (res: ServerResponse, status: number, body: unknown) => sendJson(res, status, body, { "Request-Id": stripeId("req", 14) });

const stripeError = (res: ServerResponse, status: number, message: string, extra: { code?: string; param?: string; type?: string } = {}) =>
  send(res, status, { error: { type: extra.type ?? "invalid_request_error", message, ...(extra.code ? { code: extra.code } : {}), ...(extra.param ? { param: extra.param } : {}) } });

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const host = options.host ?? "127.0.0.1";
  const delayMs = options.delayMs ?? 1_500;
  const asyncAfterMs = options.asyncAfterMs ?? 100;
  const expireOnCancel = options.expireOnCancel ?? true;
  const accounts = new Map<string, FakeStripeAccount>((options.accounts ?? []).map((a) => [a.secretKey, a]));
  const sessions: FakeStripeSession[] = [];
  const work = deliveries<FakeStripe["sent"][number]>();
  const track = work.track;
  const requests: FakeStripe["requests"] = [];
  const events = new Map<string, { account: FakeStripeAccount; payload: Record<string, unknown> }>();
  const { mode, set: setMode } = fakeMode<StripeOutcome, StripeDelivery>({ outcome: "success", delivery: "normal" });
  let base = "";

  const intentJson = (i: FakeIntent) => ({
    id: i.id,
    object: "payment_intent",
    amount: i.amount,
    amount_received: i.status === "succeeded" ? i.amount : 0,
    currency: i.currency,
    status: i.status,
    last_payment_error: i.lastPaymentError ? { type: "card_error", ...i.lastPaymentError } : null,
    livemode: false,
    metadata: {},
  });

  const sessionJson = (s: FakeStripeSession, expandIntent = false) => ({
    id: s.id,
    object: "checkout.session",
    amount_subtotal: s.amount,
    amount_total: s.amount,
    cancel_url: s.cancelUrl,
    client_reference_id: s.clientReferenceId,
    created: s.created,
    currency: s.currency,
    customer: null,
    customer_email: s.customerEmail,
    expires_at: s.expiresAt,
    livemode: false,
    metadata: s.metadata,
    mode: "payment",
    payment_intent: s.intent ? (expandIntent ? intentJson(s.intent) : s.intent.id) : null,
    payment_method_types: ["card"],
    payment_status: s.paymentStatus,
    status: s.status,
    success_url: s.successUrl,
    url: s.status === "open" ? `${base}/checkout/${s.id}` : null,
  });

  const eventOf = (type: string, object: Record<string, unknown>) => ({
    id: stripeId("evt"),
    object: "event",
    api_version: Stripe.API_VERSION,
    created: now(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });

  const post = async (account: FakeStripeAccount, payload: Record<string, unknown>, secret: string) => {
    if (!account.webhookUrl) return null;
    const body = JSON.stringify(payload);
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    const headers = { "Content-Type": "application/json; charset=utf-8", "Stripe-Signature": header, "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" };
    return work.post(account.webhookUrl, body, headers, { url: account.webhookUrl, eventId: String(payload.id), type: String(payload.type) });
  };

  /** Sends a session's events as the delivery mode says, in the background (settled() waits). */
  const deliver = (s: FakeStripeSession, list: Record<string, unknown>[], delivery: StripeDelivery, gapMs = 0) => {
    for (const e of list) events.set(String(e.id), { account: s.account, payload: e });
    if (delivery === "never") return;
    if (delivery === "wrong-amount") {
      const paid = list.find((e) => (e.data as { object: { payment_status?: string } }).object.payment_status === "paid");
      if (paid) {
        const object = (paid.data as { object: Record<string, number> }).object;
        object.amount_total = object.amount_total! * 10;
        object.amount_subtotal = object.amount_subtotal! * 10;
      }
    }
    if (delivery === "out-of-order") {
      // A stale "expired" delivered after the payment it lost the race to.
      const stale = eventOf("checkout.session.expired", { ...sessionJson(s), status: "expired", payment_status: "unpaid", url: null, payment_intent: null });
      events.set(stale.id, { account: s.account, payload: stale });
      list = [...list, stale];
    }
    const secret = delivery === "wrong-signature" ? WRONG_SECRET : s.account.webhookSecret;
    void track(
      (async () => {
        if (delivery === "delayed") await sleep(delayMs);
        for (const [i, e] of list.entries()) {
          if (i > 0 && gapMs) await sleep(gapMs);
          await post(s.account, e, secret);
          if (delivery === "duplicate") await post(s.account, e, secret);
        }
      })(),
    );
  };

  const complete = (s: FakeStripeSession, outcome: StripeOutcome, delivery: StripeDelivery): string => {
    if (s.status !== "open") return s.status === "complete" ? s.successUrl : s.cancelUrl;
    if (outcome === "cancel") {
      if (expireOnCancel) {
        s.status = "expired";
        deliver(s, [eventOf("checkout.session.expired", sessionJson(s))], delivery);
      }
      return s.cancelUrl;
    }
    s.intent = { id: stripeId("pi"), amount: s.amount, currency: s.currency, status: "processing", lastPaymentError: null, refunded: 0 };
    s.status = "complete";
    if (outcome === "success") {
      s.intent.status = "succeeded";
      s.paymentStatus = "paid";
      deliver(s, [eventOf("checkout.session.completed", sessionJson(s))], delivery);
    } else {
      // A delayed method (a bank debit) submitted, then refused by the bank for lack of funds.
      const submitted = eventOf("checkout.session.completed", sessionJson(s));
      s.intent.status = "requires_payment_method";
      s.intent.lastPaymentError = { code: "insufficient_funds", decline_code: "insufficient_funds", message: "The customer's account has insufficient funds to cover this payment." };
      deliver(s, [submitted, eventOf("checkout.session.async_payment_failed", sessionJson(s))], delivery, asyncAfterMs);
    }
    return s.successUrl;
  };

  const expire = (s: FakeStripeSession) => {
    s.status = "expired";
    deliver(s, [eventOf("checkout.session.expired", sessionJson(s))], mode.delivery);
  };

  const checkoutPage = (s: FakeStripeSession) => {
    const exponent = isCurrency(s.currency.toUpperCase()) ? currencyExponent(s.currency.toUpperCase()) : 2;
    const amount = `${(s.amount / 10 ** exponent).toFixed(exponent)} ${s.currency.toUpperCase()}`;
    if (s.status !== "open") {
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout closed</title></head><body><main><h1>This checkout is no longer available</h1><p>It was ${escapeHtml(s.status === "complete" ? "paid" : "closed")}.</p></main></body></html>`;
    }
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Pay ${escapeHtml(amount)} (fake Stripe Checkout)</title></head>
<body><main>
<h1>Fake Stripe Checkout</h1>
<p>${escapeHtml(s.productName)}</p>
<p data-testid="amount">${escapeHtml(amount)}</p>
<p>Card 4242 4242 4242 4242 (test mode)</p>
<form method="post" action="/checkout/${s.id}/pay"><button type="submit">Pay</button></form>
<form method="post" action="/checkout/${s.id}/cancel"><button type="submit">Cancel</button></form>
</main></body></html>`;
  };

  const accountOf = (req: IncomingMessage) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    return m ? (accounts.get(m[1]!) ?? null) : null;
  };

  const server = await serve(
    { port: options.port, host },
    (req, res, url, raw) => {
      const path = url.pathname;

      // The hosted checkout page: what the customer's browser sees.
      if (checkoutPageRoutes(req, res, sessions, checkoutPage, (s, cancelled) => complete(s, cancelled ? "cancel" : mode.outcome, mode.delivery))) return;

      if (!path.startsWith("/v1/")) return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path}).`);
      const idempotencyKey = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
      requests.push({ method: req.method ?? "GET", path, idempotencyKey });
      const account = accountOf(req);
      if (!account) {
        const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
        return stripeError(res, 401, given ? `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}` : "You did not provide an API key.");
      }
      const params = req.method === "POST" ? parseStripeForm(raw) : parseStripeForm(url.search.slice(1));
      const mine = (id: string) => sessions.find((x) => x.id === id && x.account === account);

      if (req.method === "POST" && path === "/v1/checkout/sessions") {
        if (idempotencyKey) {
          const again = sessions.find((x) => x.account === account && x.idempotencyKey === idempotencyKey);
          if (again) return send(res, 200, sessionJson(again));
        }
        if (params.mode !== "payment") return stripeError(res, 400, "This fake supports mode=payment only.", { param: "mode" });
        const items = Array.isArray(params.line_items) ? (params.line_items as Record<string, unknown>[]) : [];
        if (!items.length) return stripeError(res, 400, "Missing required param: line_items.", { code: "parameter_missing", param: "line_items" });
        let amount = 0;
        let currency = "";
        let productName = "";
        for (const [i, item] of items.entries()) {
          const pd = (item.price_data ?? {}) as Record<string, unknown>;
          const unit = Number(pd.unit_amount);
          const quantity = Number(item.quantity ?? 1);
          const cur = String(pd.currency ?? "");
          if (!/^[a-z]{3}$/.test(cur)) return stripeError(res, 400, `Invalid currency: ${cur}.`, { param: `line_items[${i}][price_data][currency]` });
          if (!Number.isSafeInteger(unit) || unit < 1) return stripeError(res, 400, "Invalid integer: unit_amount.", { param: `line_items[${i}][price_data][unit_amount]` });
          if (!Number.isSafeInteger(quantity) || quantity < 1) return stripeError(res, 400, "Invalid integer: quantity.", { param: `line_items[${i}][quantity]` });
          if (currency && cur !== currency) return stripeError(res, 400, "All line items must use the same currency.", { param: "line_items" });
          currency = cur;
          amount += unit * quantity;
          productName ||= String(((pd.product_data ?? {}) as Record<string, unknown>).name ?? "");
        }
        for (const field of ["success_url", "cancel_url"] as const) {
          if (typeof params[field] !== "string" || !URL.canParse(params[field])) return stripeError(res, 400, `Not a valid URL: ${field}.`, { code: "url_invalid", param: field });
        }
        const s: FakeStripeSession = {
          id: stripeId("cs_test", 58),
          account,
          amount,
          currency,
          productName,
          clientReferenceId: typeof params.client_reference_id === "string" ? params.client_reference_id : null,
          metadata: (params.metadata ?? {}) as Record<string, string>,
          successUrl: String(params.success_url),
          cancelUrl: String(params.cancel_url),
          customerEmail: typeof params.customer_email === "string" ? params.customer_email : null,
          status: "open",
          paymentStatus: "unpaid",
          intent: null,
          created: now(),
          expiresAt: now() + 24 * 3600,
          idempotencyKey,
        };
        sessions.push(s);
        return send(res, 200, sessionJson(s));
      }

      const one = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
      if (one) {
        const s = mine(decodeURIComponent(one[1]!));
        if (!s) return stripeError(res, 404, `No such checkout.session: '${decodeURIComponent(one[1]!)}'`, { code: "resource_missing", param: "session" });
        if (req.method === "GET" && !one[2]) {
          const expand = Array.isArray(params.expand) ? (params.expand as unknown[]) : [];
          return send(res, 200, sessionJson(s, expand.includes("payment_intent")));
        }
        if (req.method === "POST" && one[2]) {
          if (s.status !== "open") return stripeError(res, 400, 'Only Checkout Sessions with a status in ["open"] can be expired.', { code: "checkout_session_not_open" });
          expire(s);
          return send(res, 200, sessionJson(s));
        }
      }

      if (req.method === "GET" && path === "/v1/balance") {
        const totals = new Map<string, number>();
        for (const s of sessions) if (s.account === account && s.intent?.status === "succeeded") totals.set(s.currency, (totals.get(s.currency) ?? 0) + s.intent.amount - s.intent.refunded);
        const available = totals.size ? [...totals].map(([currency, amount]) => ({ amount, currency, source_types: { card: amount } })) : [{ amount: 0, currency: "usd", source_types: { card: 0 } }];
        return send(res, 200, { object: "balance", available, pending: available.map((b) => ({ ...b, amount: 0 })), livemode: false });
      }

      if (req.method === "POST" && path === "/v1/refunds") {
        const intent = sessions.filter((s) => s.account === account).map((s) => s.intent).find((i) => i?.id === params.payment_intent);
        if (!intent) return stripeError(res, 404, `No such payment_intent: '${String(params.payment_intent ?? "")}'`, { code: "resource_missing", param: "payment_intent" });
        if (intent.status !== "succeeded") return stripeError(res, 400, "This PaymentIntent does not have a successful charge to refund.", { code: "charge_not_refundable" });
        const left = intent.amount - intent.refunded;
        const amount = params.amount === undefined ? left : Number(params.amount);
        if (!Number.isSafeInteger(amount) || amount < 1 || amount > left) return stripeError(res, 400, `Refund amount (${amount}) is greater than the unrefunded amount on the charge (${left}).`, { code: "amount_too_large", param: "amount" });
        intent.refunded += amount;
        return send(res, 200, { id: stripeId("re"), object: "refund", amount, currency: intent.currency, payment_intent: intent.id, reason: params.reason ?? null, status: "succeeded", created: now(), metadata: {} });
      }

      return stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path}).`);
    },
    (res) => stripeError(res, 500, "The fake Stripe failed.", { type: "api_error" }),
  );
  base = server.url;
  const find = (id: string) => {
    const s = sessions.find((x) => x.id === id);
    if (!s) throw new Error(`fake Stripe: no session ${id}`);
    return s;
  };
  return {
    url: base,
    port: server.port,
    sessions,
    sent: work.sent,
    requests,
    addAccount(account) {
      accounts.set(account.secretKey, account);
    },
    setMode,
    async complete(sessionId, outcome) {
      return { redirectTo: complete(find(sessionId), outcome ?? mode.outcome, mode.delivery) };
    },
    expire(sessionId) {
      const s = find(sessionId);
      if (s.status === "open") expire(s);
    },
    resend(eventId) {
      const e = events.get(eventId);
      if (!e) throw new Error(`fake Stripe: no event ${eventId}`);
      return track(post(e.account, e.payload, e.account.webhookSecret));
    },
    settled: work.settled,
    close: server.close,
  };
}
