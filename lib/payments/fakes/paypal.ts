// A fake PayPal for tests and the offline demo, like fakes/daraja.ts: it speaks the REST calls our
// adapter makes (OAuth token, create, read and capture an order, verify a webhook signature, read
// a webhook) with PayPal's JSON shapes and error issues, serves a plain hosted approval page
// (/checkoutnow?token=<order id>, "Pay" and "Cancel") that sends the browser back to the return or
// cancel URL, and POSTs webhooks (CHECKOUT.ORDER.APPROVED on approval, PAYMENT.CAPTURE.COMPLETED or
// .DENIED after a capture) to the URL set with setWebhookUrl. Webhooks carry PAYPAL-TRANSMISSION-*
// headers it signs itself with a key of its own; its verify call says SUCCESS only for those.
// Faults per server (setMode): what the payer's account does at capture, and how webhooks travel
// (twice, late, never, a wrong signature, a wrong amount, out of order).
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { deliveries, escapeHtml, fakeMode, jsonBody, randomChars, sendHtml, sendJson, serve } from "./fake-http";

/** What the payer does: pays; cancels on the page; approves but its money is short at capture; approves and the capture is denied. */
export type PayPalOutcome = "pay" | "cancel" | "insufficient-funds" | "denied";
export type PayPalDelivery = "normal" | "duplicate" | "delayed" | "never" | "wrong-signature" | "wrong-amount" | "out-of-order";

export interface FakePayPalOptions {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** The id of the webhook PayPal knows for this app (what the ISP copies into its secrets). */
  webhookId?: string;
  /** How late a "delayed" webhook is (ms). */
  delayMs?: number;
}

interface Money {
  currency_code: string;
  value: string;
}

export interface FakeCapture {
  id: string;
  status: "COMPLETED" | "DECLINED";
  amount: Money;
  createTime: string;
}

export interface FakeOrder {
  id: string;
  status: "CREATED" | "APPROVED" | "COMPLETED" | "VOIDED";
  amount: Money;
  customId: string | null;
  description: string | null;
  returnUrl: string;
  cancelUrl: string;
  requestId: string | null;
  createTime: string;
  payerId: string | null;
  outcome: PayPalOutcome | null;
  delivery: PayPalDelivery;
  captures: FakeCapture[];
  /** Every capture call, including repeats answered from the PayPal-Request-Id. */
  captureCalls: number;
}

export interface FakePayPal {
  url: string;
  port: number;
  webhookId: string;
  orders: FakeOrder[];
  /** Every webhook POSTed, in the order sent, with the status our side answered (null: not reached, or not yet). */
  sent: { url: string; eventType: string; eventId: string; status: number | null }[];
  setMode(mode: { outcome?: PayPalOutcome; delivery?: PayPalDelivery }): void;
  /** Where webhooks go (the app's webhook URL in PayPal's dashboard). */
  setWebhookUrl(url: string | null): void;
  /** The payer's choice on the hosted page; returns where PayPal sends the browser. */
  approve(orderId: string, outcome?: PayPalOutcome): string;
  /** Headers PayPal would send with this body (for tests that post an event themselves). */
  sign(body: string): Record<string, string>;
  /** POSTs an event, signed, to the webhook URL. */
  deliver(event: unknown): Promise<number | null>;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const ALPHABET = "ABCDEFGHJKLMNPRSTUVWXY0123456789";
/** PayPal-looking ids: 17 upper-case letters and digits. */
const paypalId = (length = 17) => randomChars(length, ALPHABET);

const CURRENCIES = new Set(["AUD", "BRL", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "HUF", "ILS", "JPY", "MYR", "MXN", "TWD", "NZD", "NOK", "PHP", "PLN", "GBP", "SGD", "SEK", "CHF", "THB", "USD"]);
const WHOLE = new Set(["HUF", "JPY", "TWD"]);

const debugId = () => randomBytes(7).toString("hex");

const send = (res: ServerResponse, status: number, body: unknown) => sendJson(res, status, body, { "Paypal-Debug-Id": debugId() });

/** PayPal's error body: name, message, details[{ issue, description }], debug_id, an information link. */
function failure(res: ServerResponse, status: number, name: string, issue: string, description: string) {
  const message = status === 422 ? "The requested action could not be performed, semantically incorrect, or failed business validation." : status === 404 ? "The specified resource does not exist." : "Request is not well-formed, syntactically incorrect, or violates schema.";
  send(res, status, { name, details: [{ issue, description }], message, debug_id: debugId(), links: [{ href: `https://developer.paypal.com/docs/api/orders/v2/#error-${issue}`, rel: "information_link", method: "GET" }] });
}

function withParams(url: string, params: Record<string, string>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export async function startFakePayPal(options: FakePayPalOptions = {}): Promise<FakePayPal> {
  const clientId = options.clientId ?? "fake-paypal-client-id";
  const clientSecret = options.clientSecret ?? "fake-paypal-client-secret";
  const webhookId = options.webhookId ?? "4JH86294D6297924G";
  const delayMs = options.delayMs ?? 1_500;
  const signingKey = randomBytes(32);
  const host = options.host ?? "127.0.0.1";
  const tokens = new Set<string>();
  const orders: FakeOrder[] = [];
  const work = deliveries<FakePayPal["sent"][number]>();
  const later = work.later;
  /** PayPal-Request-Id -> the answer given (creates and captures are answered again from it). */
  const replies = new Map<string, { status: number; body: unknown }>();
  /** Out of order: approvals held back until their order's capture was announced. */
  const held = new Map<string, unknown>();
  const { mode, set: setMode } = fakeMode<PayPalOutcome, PayPalDelivery>({ outcome: "pay", delivery: "normal" });
  let webhookUrl: string | null = null;
  let baseUrl = "";

  const signature = (transmissionId: string, time: string, body: string) =>
    createHmac("sha256", signingKey).update(`${transmissionId}|${time}|${webhookId}|${createHash("sha256").update(body).digest("hex")}`).digest("base64");
  const certUrl = () => `${baseUrl}/v1/notifications/certs/CERT-360caa42-fca2a594-fake`;

  const sign = (body: string): Record<string, string> => {
    const id = randomUUID();
    const time = new Date().toISOString();
    return {
      "PAYPAL-AUTH-ALGO": "SHA256withRSA",
      "PAYPAL-CERT-URL": certUrl(),
      "PAYPAL-TRANSMISSION-ID": id,
      "PAYPAL-TRANSMISSION-SIG": signature(id, time, body),
      "PAYPAL-TRANSMISSION-TIME": time,
    };
  };

  const post = (event: { id: string; event_type: string }, forge = false) => {
    if (!webhookUrl) return Promise.resolve(null);
    const url = webhookUrl;
    const body = JSON.stringify(event);
    const headers = sign(body);
    if (forge) headers["PAYPAL-TRANSMISSION-SIG"] = createHmac("sha256", randomBytes(32)).update(body).digest("base64");
    // Listed in the order sent; the status is filled in when our side answers.
    return work.post(url, body, headers, { url, eventType: event.event_type, eventId: event.id }, true);
  };

  /** Sends an event the way the order's delivery mode says. */
  const dispatch = (o: FakeOrder, event: { id: string; event_type: string }) => {
    switch (o.delivery) {
      case "never":
        return;
      case "delayed":
        return later(delayMs, () => post(event));
      case "duplicate":
        void post(event);
        return later(50, () => post(event));
      case "wrong-signature":
        return void post(event, true);
      case "out-of-order":
        if (event.event_type === "CHECKOUT.ORDER.APPROVED") return void held.set(o.id, event);
        void post(event);
        return later(100, () => {
          const approval = held.get(o.id);
          held.delete(o.id);
          return approval ? post(approval as { id: string; event_type: string }) : null;
        });
      default:
        return void post(event);
    }
  };

  const links = (o: FakeOrder) => [
    { href: `${baseUrl}/v2/checkout/orders/${o.id}`, rel: "self", method: "GET" },
    ...(o.status === "CREATED" ? [{ href: `${baseUrl}/checkoutnow?token=${o.id}`, rel: "approve", method: "GET" }] : []),
    ...(o.status === "CREATED" || o.status === "APPROVED" ? [{ href: `${baseUrl}/v2/checkout/orders/${o.id}/capture`, rel: "capture", method: "POST" }] : []),
  ];

  const captureResource = (o: FakeOrder, c: FakeCapture) => ({
    id: c.id,
    status: c.status,
    amount: c.amount,
    final_capture: true,
    seller_protection: { status: "ELIGIBLE", dispute_categories: ["ITEM_NOT_RECEIVED", "UNAUTHORIZED_TRANSACTION"] },
    ...(o.customId ? { custom_id: o.customId } : {}),
    create_time: c.createTime,
    update_time: c.createTime,
    links: [{ href: `${baseUrl}/v2/payments/captures/${c.id}`, rel: "self", method: "GET" }],
  });

  const representation = (o: FakeOrder) => ({
    id: o.id,
    intent: "CAPTURE",
    status: o.status,
    purchase_units: [
      {
        reference_id: "default",
        amount: o.amount,
        payee: { email_address: "merchant@example.com", merchant_id: "FAKEMERCHANT01" },
        ...(o.description ? { description: o.description } : {}),
        ...(o.customId ? { custom_id: o.customId } : {}),
        ...(o.captures.length ? { payments: { captures: o.captures.map((c) => captureResource(o, c)) } } : {}),
      },
    ],
    ...(o.payerId ? { payer: { payer_id: o.payerId, email_address: "buyer@example.com", name: { given_name: "Test", surname: "Buyer" } } } : {}),
    create_time: o.createTime,
    links: links(o),
  });

  const event = (eventType: string, resourceType: string, resource: unknown, summary: string) => {
    const id = `WH-${paypalId()}-${paypalId()}`;
    return {
      id,
      event_version: "1.0",
      create_time: new Date().toISOString(),
      resource_type: resourceType,
      resource_version: "2.0",
      event_type: eventType,
      summary,
      resource,
      links: [{ href: `${baseUrl}/v1/notifications/webhooks-events/${id}`, rel: "self", method: "GET" }],
    };
  };

  const approve = (orderId: string, outcome: PayPalOutcome = mode.outcome): string => {
    const o = orders.find((x) => x.id === orderId);
    if (!o) throw new Error(`fake PayPal: no order ${orderId}`);
    // A cancel only sends the browser back: the order stays CREATED until it expires.
    if (outcome === "cancel") return withParams(o.cancelUrl, { token: o.id });
    if (o.status === "CREATED") {
      o.status = "APPROVED";
      o.payerId = paypalId(13);
      o.outcome = outcome;
      o.delivery = mode.delivery;
      dispatch(o, event("CHECKOUT.ORDER.APPROVED", "checkout-order", representation(o), "An order has been approved by buyer"));
    }
    return withParams(o.returnUrl, { token: o.id, PayerID: o.payerId ?? "" });
  };

  const capture = (o: FakeOrder, res: ServerResponse) => {
    o.captureCalls++;
    if (o.status === "CREATED") return failure(res, 422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED", "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.");
    if (o.status === "COMPLETED") return failure(res, 422, "UNPROCESSABLE_ENTITY", "ORDER_ALREADY_CAPTURED", "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.");
    if (o.status === "VOIDED") return failure(res, 422, "UNPROCESSABLE_ENTITY", "ORDER_NOT_APPROVED", "The order was voided.");
    if (o.outcome === "insufficient-funds") {
      return failure(res, 422, "UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED", "The instrument presented  was either declined by the processor or bank, or it can't be used for this payment.");
    }
    const amount = o.delivery === "wrong-amount" ? { ...o.amount, value: (Number(o.amount.value) * 10).toFixed(WHOLE.has(o.amount.currency_code) ? 0 : 2) } : o.amount;
    const c: FakeCapture = { id: paypalId(), status: o.outcome === "denied" ? "DECLINED" : "COMPLETED", amount, createTime: new Date().toISOString() };
    o.captures.push(c);
    o.status = "COMPLETED";
    const resource = { ...captureResource(o, c), supplementary_data: { related_ids: { order_id: o.id } } };
    if (c.status === "COMPLETED") dispatch(o, event("PAYMENT.CAPTURE.COMPLETED", "capture", resource, `Payment completed for ${amount.value} ${amount.currency_code}`));
    else dispatch(o, event("PAYMENT.CAPTURE.DENIED", "capture", resource, `A ${amount.value} ${amount.currency_code} capture payment was denied`));
    return { status: 201, body: representation(o) };
  };

  const page = (res: ServerResponse, status: number, html: string) =>
    sendHtml(res, status, `<!doctype html><html><head><meta charset="utf-8"><title>PayPal (fake)</title></head><body>${html}</body></html>`);

  const bearer = (req: IncomingMessage) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    return Boolean(m && tokens.has(m[1]!));
  };

  const server = await serve(
    { port: options.port, host },
    (req, res, url, raw) => {
      // The hosted approval page, for a browser.
      if (url.pathname === "/checkoutnow") {
        const token = req.method === "POST" ? new URLSearchParams(raw).get("token") : url.searchParams.get("token");
        const o = orders.find((x) => x.id === token);
        if (!o) return page(res, 404, "<h1>This payment does not exist</h1>");
        if (req.method === "POST") {
          const action = new URLSearchParams(raw).get("action");
          res.writeHead(303, { Location: approve(o.id, action === "cancel" ? "cancel" : mode.outcome) }).end();
          return;
        }
        if (o.status !== "CREATED") return page(res, 200, `<h1>This payment was already approved</h1><p><a href="${escapeHtml(o.returnUrl)}">Back to the merchant</a></p>`);
        return page(
          res,
          200,
          `<h1>Pay with PayPal</h1><p>${escapeHtml(o.description ?? "Payment")}</p><p>Total: <strong>${escapeHtml(`${o.amount.value} ${o.amount.currency_code}`)}</strong></p>` +
            `<form method="post" action="/checkoutnow"><input type="hidden" name="token" value="${escapeHtml(o.id)}">` +
            `<button type="submit" name="action" value="pay">Pay</button> <button type="submit" name="action" value="cancel">Cancel</button></form>`,
        );
      }

      if (url.pathname === "/v1/oauth2/token" && req.method === "POST") {
        const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
        if (req.headers.authorization !== `Basic ${basic}`) return send(res, 401, { error: "invalid_client", error_description: "Client Authentication failed" });
        if (new URLSearchParams(raw).get("grant_type") !== "client_credentials") return send(res, 400, { error: "unsupported_grant_type", error_description: "Grant Type is NULL" });
        const token = `A21AA${randomBytes(24).toString("base64url")}`;
        tokens.add(token);
        return send(res, 200, { scope: "https://uri.paypal.com/services/payments/payment", access_token: token, token_type: "Bearer", app_id: "APP-80W284485P519543T", expires_in: 32_400, nonce: `${new Date().toISOString()}${randomBytes(8).toString("hex")}` });
      }
      if (!bearer(req)) return send(res, 401, { error: "invalid_token", error_description: "Token signature verification failed" });

      const parsed = jsonBody(raw);
      if (!parsed) return failure(res, 400, "INVALID_REQUEST", "MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
      const { body } = parsed;
      const requestId = typeof req.headers["paypal-request-id"] === "string" ? req.headers["paypal-request-id"] : null;

      if (url.pathname === "/v2/checkout/orders" && req.method === "POST") {
        if (requestId && replies.has(`create:${requestId}`)) {
          const again = replies.get(`create:${requestId}`)!;
          return send(res, again.status, again.body);
        }
        if (body.intent !== "CAPTURE" && body.intent !== "AUTHORIZE") return failure(res, 400, "INVALID_REQUEST", "INVALID_PARAMETER_VALUE", "The value of a field is invalid.");
        const unit = (Array.isArray(body.purchase_units) ? body.purchase_units[0] : null) as { amount?: Partial<Money>; custom_id?: string; description?: string } | null;
        const amount = unit?.amount;
        if (!amount?.currency_code || !amount.value) return failure(res, 400, "INVALID_REQUEST", "MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.");
        if (!CURRENCIES.has(amount.currency_code)) return failure(res, 422, "UNPROCESSABLE_ENTITY", "CURRENCY_NOT_SUPPORTED", "Currency code is unsupported.");
        if (!/^\d{1,10}(\.\d{1,2})?$/.test(amount.value)) return failure(res, 400, "INVALID_REQUEST", "INVALID_PARAMETER_SYNTAX", "The value of a field does not conform to the expected format.");
        if (WHOLE.has(amount.currency_code) && amount.value.includes(".")) return failure(res, 422, "UNPROCESSABLE_ENTITY", "DECIMAL_PRECISION", "If the currency supports decimals, only two decimal place precision is supported.");
        if (Number(amount.value) <= 0) return failure(res, 422, "UNPROCESSABLE_ENTITY", "CANNOT_BE_ZERO_OR_NEGATIVE", "Must be greater than zero.");
        const context = (body.application_context ?? {}) as { return_url?: string; cancel_url?: string };
        if (!context.return_url || !context.cancel_url) return failure(res, 400, "INVALID_REQUEST", "MISSING_REQUIRED_PARAMETER", "return_url and cancel_url are needed for the payer to come back.");
        const o: FakeOrder = {
          id: paypalId(),
          status: "CREATED",
          amount: { currency_code: amount.currency_code, value: amount.value },
          customId: unit?.custom_id ?? null,
          description: unit?.description ?? null,
          returnUrl: context.return_url,
          cancelUrl: context.cancel_url,
          requestId,
          createTime: new Date().toISOString(),
          payerId: null,
          outcome: null,
          delivery: mode.delivery,
          captures: [],
          captureCalls: 0,
        };
        orders.push(o);
        const answer = { status: 201, body: req.headers.prefer === "return=representation" ? representation(o) : { id: o.id, status: o.status, links: links(o) } };
        if (requestId) replies.set(`create:${requestId}`, answer);
        return send(res, answer.status, answer.body);
      }

      const orderPath = /^\/v2\/checkout\/orders\/([^/]+)(\/capture)?$/.exec(url.pathname);
      if (orderPath) {
        const o = orders.find((x) => x.id === decodeURIComponent(orderPath[1]!));
        if (!o) return failure(res, 404, "RESOURCE_NOT_FOUND", "INVALID_RESOURCE_ID", "Specified resource ID does not exist. Please check the resource ID and try again.");
        if (!orderPath[2] && req.method === "GET") return send(res, 200, representation(o));
        if (orderPath[2] && req.method === "POST") {
          const key = requestId ? `capture:${o.id}:${requestId}` : null;
          if (key && replies.has(key)) {
            o.captureCalls++;
            const again = replies.get(key)!;
            return send(res, again.status, again.body);
          }
          const answer = capture(o, res);
          if (!answer) return;
          if (key) replies.set(key, answer);
          return send(res, answer.status, answer.body);
        }
      }

      if (url.pathname === "/v1/notifications/verify-webhook-signature" && req.method === "POST") {
        const fields = ["auth_algo", "cert_url", "transmission_id", "transmission_sig", "transmission_time", "webhook_id"] as const;
        const missing = fields.find((f) => typeof body[f] !== "string" || !body[f]);
        if (missing || !body.webhook_event || typeof body.webhook_event !== "object") {
          return send(res, 400, { name: "VALIDATION_ERROR", message: "Invalid request - see details", debug_id: debugId(), details: [{ field: missing ?? "webhook_event", location: "body", issue: "Required field is missing" }] });
        }
        const given = Buffer.from(String(body.transmission_sig));
        const expected = Buffer.from(signature(String(body.transmission_id), String(body.transmission_time), JSON.stringify(body.webhook_event)));
        const genuine =
          body.webhook_id === webhookId &&
          body.auth_algo === "SHA256withRSA" &&
          body.cert_url === certUrl() &&
          given.length === expected.length &&
          timingSafeEqual(given, expected);
        return send(res, 200, { verification_status: genuine ? "SUCCESS" : "FAILURE" });
      }

      const hook = /^\/v1\/notifications\/webhooks\/([^/]+)$/.exec(url.pathname);
      if (hook && req.method === "GET") {
        if (decodeURIComponent(hook[1]!) !== webhookId) return send(res, 404, { name: "INVALID_RESOURCE_ID", message: "Resource id is invalid.", debug_id: debugId(), details: [] });
        return send(res, 200, {
          id: webhookId,
          url: webhookUrl,
          event_types: ["CHECKOUT.ORDER.APPROVED", "PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.PENDING"].map((name) => ({ name, description: name })),
          links: [{ href: `${baseUrl}/v1/notifications/webhooks/${webhookId}`, rel: "self", method: "GET" }],
        });
      }
      return send(res, 404, { name: "RESOURCE_NOT_FOUND", message: "The specified resource does not exist.", debug_id: debugId(), details: [] });
    },
    (res) => send(res, 500, { name: "INTERNAL_SERVER_ERROR", message: "An internal server error has occurred.", debug_id: debugId() }),
  );
  baseUrl = server.url;
  return {
    url: baseUrl,
    port: server.port,
    webhookId,
    orders,
    sent: work.sent,
    setMode,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    approve,
    sign,
    deliver: (event) => post(event as { id: string; event_type: string }),
    settled: work.settled,
    close: server.close,
  };
}
