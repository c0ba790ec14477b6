// PayPal Orders v2 (docs/payments.md, "PayPal"): the customer approves an order on PayPal's page;
// no money moves until we capture it. So the status query is also the capture: an approved order is
// captured (with a PayPal-Request-Id, so a retried capture stays one capture) and its capture id and
// amount are the gateway's word. Webhooks are believed only after PayPal's own
// verify-webhook-signature call says SUCCESS for this app's webhook id; an approval notice is a
// cue to capture (confirmed by the query), a completed capture is money.
import { z } from "zod";
import { decimalString, minorOfWholeUnits, minorUnitsOf, wholeUnitsUp } from "./amounts";
import { CallbackRejected, GatewayError, type GatewayAccount, type GatewayAdapter, type GatewayEvent, type ParsedCallback, type RawRequest } from "./types";
import { getJson, postForm, postJson, tokenCache, type JsonResponse } from "./http";
import { jsonObjectOf } from "./signatures";

export const paypalSettingsSchema = z.object({
  /** Empty: PayPal's sandbox or live API host by the gateway's mode. */
  baseUrl: z.url("A URL.").optional().or(z.literal("").transform(() => undefined)),
});
export type PaypalSettings = z.infer<typeof paypalSettingsSchema>;

const secret = (what: string) => z.string(what).trim().min(8, what).max(200, "At most 200 characters.");
export const paypalSecretsSchema = z.object({
  clientId: secret("The app's client ID."),
  clientSecret: secret("The app's secret."),
  webhookId: z
    .string("The webhook's ID, from the app's webhook list.")
    .trim()
    .regex(/^[A-Za-z0-9-]{6,64}$/, "The webhook's ID, from the app's webhook list: letters and digits."),
});
export type PaypalSecrets = z.infer<typeof paypalSecretsSchema>;

type Account = GatewayAccount<PaypalSettings, PaypalSecrets>;

const HOSTS = { SANDBOX: "https://api-m.sandbox.paypal.com", LIVE: "https://api-m.paypal.com" } as const;
const base = (a: Account) => (a.settings.baseUrl ?? HOSTS[a.mode]).replace(/\/+$/, "");

/** The currencies PayPal takes; HUF and TWD only in whole units (JPY has no minor unit anyway). */
const CURRENCIES = new Set(["AUD", "BRL", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "HUF", "ILS", "JPY", "MYR", "MXN", "TWD", "NZD", "NOK", "PHP", "PLN", "GBP", "SGD", "SEK", "CHF", "THB", "USD"]);
const WHOLE_UNITS = new Set(["HUF", "TWD"]);

/** Minor units as PayPal's decimal string ("40.00"); HUF and TWD rounded up to whole units. */
export function paypalAmount(amountMinor: bigint, currency: string): { value: string; amountMinor: bigint } {
  if (!WHOLE_UNITS.has(currency)) return { value: decimalString(amountMinor, currency), amountMinor };
  const units = wholeUnitsUp(amountMinor, currency);
  return { value: units.toString(), amountMinor: minorOfWholeUnits(units, currency) };
}

/** PayPal's decimal string (a string, never a JSON number) in minor units; null when it is not one. */
const minorOf = (value: unknown, currency: unknown): bigint | null => (typeof value === "string" && typeof currency === "string" ? minorUnitsOf(value, currency, 15) : null);

const tokens = tokenCache();
async function accessToken(a: Account): Promise<string> {
  return tokens.get(`${a.id}:${a.secrets.clientId}`, async () => {
    const basic = Buffer.from(`${a.secrets.clientId}:${a.secrets.clientSecret}`).toString("base64");
    const r = await postForm(`${base(a)}/v1/oauth2/token`, { grant_type: "client_credentials" }, { Authorization: `Basic ${basic}` });
    if (r.status === 401 || r.json?.error === "invalid_client") throw new GatewayError("PayPal refused the client ID and secret.", "auth");
    const token = typeof r.json?.access_token === "string" ? r.json.access_token : null;
    if (r.status !== 200 || !token) throw new GatewayError(`PayPal's token call answered ${r.status}.`, "token", r.status >= 500 || r.status === 429);
    // PayPal's tokens live about 9 hours; renewed 5 minutes early.
    return { value: token, ttlSeconds: Number(r.json.expires_in ?? 32_400) - 300 };
  });
}

/** An authenticated call; a token PayPal no longer takes is fetched again once. */
async function api(a: Account, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
  const send = async () => {
    const auth = { Authorization: `Bearer ${await accessToken(a)}`, ...headers };
    return body === undefined ? getJson(`${base(a)}${path}`, auth) : postJson(`${base(a)}${path}`, body, auth);
  };
  const r = await send();
  if (r.status !== 401) return r;
  tokens.clear();
  return send();
}

/** PayPal's error: its first detail's issue (ORDER_NOT_APPROVED...) and words. */
function problem(r: JsonResponse): { issue: string; words: string } {
  const detail = Array.isArray(r.json?.details) ? r.json.details[0] : null;
  const issue = String(detail?.issue ?? r.json?.name ?? r.json?.error ?? `HTTP_${r.status}`);
  const words = String(detail?.description ?? r.json?.message ?? r.json?.error_description ?? `HTTP ${r.status}`);
  return { issue, words };
}

const orderPath = (id: string) => `/v2/checkout/orders/${encodeURIComponent(id)}`;

/** The first purchase unit of an order (we create orders with one). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- PayPal's JSON, read field by field
const unitOf = (order: any) => (Array.isArray(order?.purchase_units) ? order.purchase_units[0] : null);

/** What a completed order's capture says: money (its id and amount), still pending, or refused. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- PayPal's JSON, read field by field
function captured(orderId: string, order: any): GatewayEvent {
  const captures: unknown[] = Array.isArray(unitOf(order)?.payments?.captures) ? unitOf(order).payments.captures : [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- PayPal's JSON
  const money = captures.find((c: any) => ["COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED"].includes(c?.status)) as any;
  if (money) {
    const amountMinor = minorOf(money.amount?.value, money.amount?.currency_code);
    if (typeof money.id !== "string" || amountMinor === null) throw new GatewayError("PayPal's capture has no id or amount.", "capture");
    return { type: "succeeded", gatewayRef: orderId, txnId: money.id, amountMinor, currency: money.amount.currency_code, note: `PayPal capture ${money.id}: ${money.status}.` };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- PayPal's JSON
  const last = captures.at(-1) as any;
  if (last?.status === "PENDING") return { type: "pending", gatewayRef: orderId, reason: `PayPal holds the capture for review (${String(last.status_details?.reason ?? "pending")}).` };
  if (last?.status === "DECLINED" || last?.status === "FAILED") return { type: "failed", gatewayRef: orderId, code: String(last.status), reason: "PayPal declined the payment." };
  throw new GatewayError("PayPal says the order is completed but shows no capture.", "capture");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An order we started carries our payment's id as custom_id; another one (the ISP's own shop) is none of ours. */
const foreign = (customId: unknown) => typeof customId === "string" && !UUID.test(customId);

const SIGNATURE_HEADERS = ["paypal-auth-algo", "paypal-cert-url", "paypal-transmission-id", "paypal-transmission-sig", "paypal-transmission-time"] as const;

function header(request: RawRequest, name: string): string | null {
  const found = Object.entries(request.headers).find(([k]) => k.toLowerCase() === name);
  return found && found[1] ? found[1] : null;
}

/** Asks PayPal whether the event was signed by it for this app's webhook; refuses it otherwise. */
async function verify(a: Account, request: RawRequest, event: Record<string, unknown>): Promise<void> {
  const values = SIGNATURE_HEADERS.map((h) => header(request, h));
  if (values.some((v) => !v)) throw new CallbackRejected("Not signed by PayPal: the PAYPAL-TRANSMISSION-* headers are missing.");
  const [authAlgo, certUrl, transmissionId, transmissionSig, transmissionTime] = values as string[];
  const r = await api(a, "/v1/notifications/verify-webhook-signature", {
    auth_algo: authAlgo,
    cert_url: certUrl,
    transmission_id: transmissionId,
    transmission_sig: transmissionSig,
    transmission_time: transmissionTime,
    webhook_id: a.secrets.webhookId,
    webhook_event: event,
  });
  if (r.status === 200 && r.json?.verification_status === "SUCCESS") return;
  if (r.status === 200) throw new CallbackRejected("PayPal says the signature is not genuine for this gateway's webhook.");
  if (r.status >= 500 || r.status === 429) throw new GatewayError(`PayPal's signature check answered ${r.status}.`, "verify", true);
  throw new CallbackRejected(`PayPal refused to check the signature: ${problem(r).words}`.slice(0, 300));
}

export const paypalAdapter: GatewayAdapter<PaypalSettings, PaypalSecrets> = {
  kind: "PAYPAL",
  slug: "paypal",
  label: "PayPal",
  parseSettings: (input) => paypalSettingsSchema.parse(input),
  parseSecrets: (input) => paypalSecretsSchema.parse(input),

  async start(a, input) {
    if (!CURRENCIES.has(input.currency)) throw new GatewayError(`PayPal does not take payments in ${input.currency}: choose another way to pay.`, "currency");
    const { value, amountMinor } = paypalAmount(input.amountMinor, input.currency);
    const r = await api(
      a,
      "/v2/checkout/orders",
      {
        intent: "CAPTURE",
        purchase_units: [{ custom_id: input.paymentRef, description: input.description.slice(0, 127), amount: { currency_code: input.currency, value } }],
        application_context: { return_url: input.returnUrl, cancel_url: input.cancelUrl, user_action: "PAY_NOW", shipping_preference: "NO_SHIPPING" },
      },
      // A retried create with the same key returns the same order.
      { "PayPal-Request-Id": input.idempotencyKey, Prefer: "return=minimal" },
    );
    if (r.status === 200 || r.status === 201) {
      const links: { rel?: string; href?: string }[] = Array.isArray(r.json?.links) ? r.json.links : [];
      const approve = links.find((l) => l.rel === "approve" || l.rel === "payer-action")?.href;
      if (typeof r.json?.id !== "string" || !approve) throw new GatewayError("PayPal created the order without a page to approve it on.", "create");
      return { gatewayRef: r.json.id, redirectUrl: approve, amountMinor };
    }
    const { issue, words } = problem(r);
    throw new GatewayError(`PayPal refused the payment: ${words}`, issue, r.status >= 500 || r.status === 429);
  },

  async parseCallback(a, request): Promise<ParsedCallback> {
    // .../paypal/<gateway id>: one webhook URL per PayPal app.
    const path = new URL(request.url, "http://x").pathname;
    if ((path.split(`/${a.id}`)[1] ?? "").replace(/\/+$/, "") !== "") throw new CallbackRejected("No such PayPal callback: PayPal's webhooks go to the gateway's URL itself.", 404);
    if (request.method !== "POST") throw new CallbackRejected("PayPal's webhooks are POSTed; a browser coming back from PayPal goes to the payment's page.", 405);
    const event = jsonObjectOf(request);
    const eventId = typeof event.id === "string" ? event.id : null;
    const type = typeof event.event_type === "string" ? event.event_type : null;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- PayPal's JSON, read field by field
    const resource = event.resource as any;
    if (!eventId || !type || !resource || typeof resource !== "object") throw new CallbackRejected("Not a PayPal event: no id, event_type and resource.");
    await verify(a, request, event);

    if (type === "CHECKOUT.ORDER.APPROVED") {
      const unit = unitOf(resource);
      if (typeof resource.id !== "string") throw new CallbackRejected("An approved order without its id.");
      if (foreign(unit?.custom_id)) return { events: [{ type: "ignored", eventId, reason: "An order not started here (its custom_id is none of ours)." }] };
      // The approval moves no money: the status query captures the order and reports the capture.
      return {
        events: [{ type: "succeeded", eventId, gatewayRef: resource.id, txnId: null, amountMinor: null, currency: String(unit?.amount?.currency_code ?? "USD"), note: "Approved by the customer on PayPal." }],
        confirmByQuery: true,
      };
    }
    if (type.startsWith("PAYMENT.CAPTURE.")) {
      const orderId = resource.supplementary_data?.related_ids?.order_id;
      if (typeof orderId !== "string" || foreign(resource.custom_id)) return { events: [{ type: "ignored", eventId, reason: `${type} for a payment not started here.` }] };
      if (type === "PAYMENT.CAPTURE.COMPLETED") {
        const amountMinor = minorOf(resource.amount?.value, resource.amount?.currency_code);
        if (typeof resource.id !== "string" || amountMinor === null) throw new CallbackRejected("A completed capture without its id or amount.");
        return { events: [{ type: "succeeded", eventId, gatewayRef: orderId, txnId: resource.id, amountMinor, currency: resource.amount.currency_code, note: typeof event.summary === "string" ? event.summary : null }] };
      }
      if (type === "PAYMENT.CAPTURE.DENIED") return { events: [{ type: "failed", eventId, gatewayRef: orderId, code: "DENIED", reason: "PayPal declined the payment." }] };
      if (type === "PAYMENT.CAPTURE.PENDING") return { events: [{ type: "pending", eventId, gatewayRef: orderId, reason: `PayPal holds the capture (${String(resource.status_details?.reason ?? "pending")}).` }] };
    }
    return { events: [{ type: "ignored", eventId, reason: `PayPal event ${type.slice(0, 60)}: nothing to do.` }] };
  },

  async query(a, orderId, expected) {
    const r = await api(a, orderPath(orderId));
    if (r.status === 404) return { event: { type: "expired", gatewayRef: orderId, code: "RESOURCE_NOT_FOUND", reason: "PayPal no longer knows the order: it was never paid." } };
    if (r.status !== 200 || typeof r.json?.status !== "string") throw new GatewayError(`PayPal's order lookup answered ${r.status}: ${problem(r).words}`, problem(r).issue, true);
    const order = r.json;
    switch (order.status) {
      case "COMPLETED":
        return { event: captured(orderId, order) };
      case "VOIDED":
        return { event: { type: "cancelled", gatewayRef: orderId, code: "VOIDED", reason: "The PayPal order was voided." } };
      case "APPROVED":
        break;
      default:
        // CREATED, SAVED, PAYER_ACTION_REQUIRED: the customer has not approved it (yet).
        return { event: { type: "pending", gatewayRef: orderId, reason: `Waiting for the customer to approve the payment on PayPal (${String(order.status)}).` } };
    }
    // Approved: capture it, unless it is not for what we asked (money we could not credit stays with the payer).
    const unit = unitOf(order);
    const ordered = minorOf(unit?.amount?.value, unit?.amount?.currency_code);
    if (expected.amountMinor > 0n && (ordered !== expected.amountMinor || unit?.amount?.currency_code !== expected.currency)) {
      return { event: { type: "failed", gatewayRef: orderId, code: "AMOUNT", reason: `The PayPal order is for ${String(unit?.amount?.currency_code)} ${String(unit?.amount?.value)}, not what the payment asked for: not captured.` } };
    }
    // The same PayPal-Request-Id for every capture of this order: a repeated capture is answered with the first.
    const c = await api(a, `${orderPath(orderId)}/capture`, {}, { "PayPal-Request-Id": `capture-${orderId}`, Prefer: "return=representation" });
    if (c.status === 200 || c.status === 201) return { event: captured(orderId, c.json) };
    const { issue, words } = problem(c);
    if (issue === "ORDER_ALREADY_CAPTURED") {
      const again = await api(a, orderPath(orderId));
      if (again.status === 200 && again.json?.status === "COMPLETED") return { event: captured(orderId, again.json) };
      throw new GatewayError(`PayPal says the order is captured but does not show it: ${again.status}.`, issue, true);
    }
    if (issue === "ORDER_NOT_APPROVED" || issue === "PAYER_ACTION_REQUIRED") return { event: { type: "pending", gatewayRef: orderId, reason: "Waiting for the customer to approve the payment on PayPal." } };
    if (issue === "INSTRUMENT_DECLINED") return { event: { type: "failed", gatewayRef: orderId, code: issue, reason: "PayPal declined the customer's card or account: not enough money, or it cannot be used." } };
    if (c.status >= 500 || c.status === 429) throw new GatewayError(`PayPal's capture answered ${c.status}: ${words}`, issue, true);
    return { event: { type: "failed", gatewayRef: orderId, code: issue, reason: `PayPal refused the capture: ${words}`.slice(0, 300) } };
  },

  async ping(a) {
    await accessToken(a);
    const r = await api(a, `/v1/notifications/webhooks/${encodeURIComponent(a.secrets.webhookId)}`);
    if (r.status === 404) throw new GatewayError("PayPal accepted the client ID and secret, but this app has no webhook with that ID.", "webhook");
    if (r.status !== 200) throw new GatewayError(`PayPal's webhook lookup answered ${r.status}: ${problem(r).words}`, problem(r).issue, r.status >= 500);
    if (r.json?.url !== a.callbackUrl) throw new GatewayError(`PayPal accepted the client ID and secret, but the webhook sends to ${String(r.json?.url)}: change its URL to ${a.callbackUrl}.`, "webhook-url");
    return "PayPal accepted the client ID and secret; the webhook sends here.";
  },
};
