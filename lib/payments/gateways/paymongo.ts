// PayMongo (Philippines: cards, GCash, Maya, QR Ph...), through its REST API: a Checkout Session
// per attempt (the customer pays on PayMongo's page), the `checkout_session.payment.paid` webhook
// verified by its Paymongo-Signature (HMAC-SHA256 of "<t>.<raw body>" with the webhook's secret:
// the `te` signature in sandbox mode, `li` in live mode, constant time, five minutes' tolerance),
// and the session retrieved when no webhook came. PayMongo retries a webhook for about two hours
// and then never sends it again (and switches the webhook off after three such events), so the
// status query is what finally settles a payment whose webhook was lost. Pesos only.
import { z } from "zod";
import type { GatewayForm } from "./fields";
import { getJson, postJson, type JsonResponse } from "./http";
import { checkedTimestamp, headerOf, jsonObjectOf, sameSignature, signatureFields, signedPayloadHmac } from "./signatures";
import { CallbackRejected, GatewayError, type GatewayAccount, type GatewayAdapter, type GatewayEvent, type ParsedCallback } from "./types";

const METHODS_HINT = "Comma-separated PayMongo method codes, e.g. gcash, paymaya, card, qrph.";

export const paymongoSettingsSchema = z.object({
  /** Which methods the checkout page offers (as enabled on the PayMongo account). */
  paymentMethods: z
    .string(METHODS_HINT)
    .trim()
    .optional()
    .transform((v) => (v ? v : "gcash,paymaya,card,qrph"))
    .transform((v) => [...new Set(v.split(/[\s,]+/).filter(Boolean).map((m) => m.toLowerCase()))].join(","))
    .refine((v) => v.length > 0 && v.split(",").every((m) => /^[a-z][a-z0-9_]{1,39}$/.test(m)), METHODS_HINT),
  /** Empty: https://api.paymongo.com. */
  baseUrl: z.url("A URL.").optional().or(z.literal("").transform(() => undefined)),
});
export type PaymongoSettings = z.infer<typeof paymongoSettingsSchema>;

export const paymongoSecretsSchema = z.object({
  secretKey: z
    .string("The secret key from PayMongo's dashboard (Developers): sk_test_... or sk_live_....")
    .trim()
    .regex(/^sk_(test|live)_[A-Za-z0-9]{8,200}$/, "The secret key from PayMongo's dashboard (Developers): sk_test_... or sk_live_...."),
  webhookSecret: z.string("The webhook's secret key: whsk_....").trim().min(8, "The webhook's secret key: whsk_....").max(200, "At most 200 characters."),
});
export type PaymongoSecrets = z.infer<typeof paymongoSecretsSchema>;

type Account = GatewayAccount<PaymongoSettings, PaymongoSecrets>;

/** The settings form (lib/payments/gateways/fields.ts lists it as PAYMONGO). */
export const PAYMONGO_FORM: GatewayForm = {
  label: "PayMongo",
  intro:
    "Philippines: GCash, Maya, cards, QR Ph. Customers pay on PayMongo's checkout page. Create a PayMongo webhook with the URL shown here for the event checkout_session.payment.paid, and paste its secret key. PayMongo never resends a webhook it gave up on: payments are also checked with PayMongo every few minutes.",
  settings: [
    { name: "paymentMethods", label: "Payment methods", hint: `${METHODS_HINT} Empty: gcash, paymaya, card, qrph.` },
    { name: "baseUrl", label: "API address", hint: "Leave empty: PayMongo's own. Only for a test server." },
  ],
  secrets: [
    { name: "secretKey", label: "Secret key", hint: "sk_test_... in sandbox mode, sk_live_... in live mode.", required: true },
    { name: "webhookSecret", label: "Webhook secret key", hint: "whsk_..., shown when the webhook is created.", required: true },
  ],
};

const base = (a: Account) => (a.settings.baseUrl ?? "https://api.paymongo.com").replace(/\/+$/, "");
const auth = (a: Account) => ({ Authorization: `Basic ${Buffer.from(`${a.secrets.secretKey}:`).toString("base64")}` });

function checkKeyMode(a: Account) {
  const live = a.secrets.secretKey.startsWith("sk_live_");
  if (a.mode === "LIVE" && !live) throw new GatewayError("This is a PayMongo test key (sk_test_...), but the gateway is in live mode: give the live key, or switch the gateway to sandbox.", "key_mode");
  if (a.mode === "SANDBOX" && live) throw new GatewayError("This is a PayMongo live key (sk_live_...), but the gateway is in sandbox mode: give the test key, or switch the gateway to live.", "key_mode");
}

/** PayMongo's error answer ({ errors: [{ code, detail }] }) as ours. */
function refusal(r: JsonResponse, doing: string): GatewayError {
  const first = Array.isArray(r.json?.errors) ? r.json.errors[0] : null;
  const detail = typeof first?.detail === "string" ? first.detail : `HTTP ${r.status}`;
  if (r.status === 401) return new GatewayError("PayMongo refused the secret key: check it in the gateway's settings.", "auth");
  if (r.status === 429 || r.status >= 500) return new GatewayError(`PayMongo had a problem ${doing} (${detail}): try again in a minute.`, String(first?.code ?? r.status), true);
  return new GatewayError(`PayMongo refused ${doing}: ${detail}`, String(first?.code ?? r.status));
}

interface Resource {
  id?: unknown;
  type?: unknown;
  attributes?: Record<string, unknown> & { payments?: unknown; status?: unknown };
}

/** The paid payment of a checkout session, if any. */
function paidPayment(session: Resource): { id: string; amount: bigint; currency: string } | null {
  const payments = Array.isArray(session.attributes?.payments) ? (session.attributes.payments as Resource[]) : [];
  for (const p of payments) {
    const at = p?.attributes;
    if (at?.status === "paid" && typeof p.id === "string" && Number.isSafeInteger(at.amount) && typeof at.currency === "string") {
      return { id: p.id, amount: BigInt(at.amount as number), currency: at.currency.toUpperCase() };
    }
  }
  return null;
}

const paid = (sessionId: string, p: { id: string; amount: bigint; currency: string }, eventId: string | null): GatewayEvent => ({
  type: "succeeded",
  eventId,
  gatewayRef: sessionId,
  txnId: p.id,
  amountMinor: p.amount,
  currency: p.currency,
  note: "Paid on PayMongo checkout.",
});

export const paymongoAdapter: GatewayAdapter<PaymongoSettings, PaymongoSecrets> = {
  kind: "PAYMONGO",
  slug: "paymongo",
  label: "PayMongo",
  parseSettings: (input) => paymongoSettingsSchema.parse(input),
  parseSecrets: (input) => paymongoSecretsSchema.parse(input),

  async start(a, input) {
    checkKeyMode(a);
    if (input.currency !== "PHP") throw new GatewayError(`PayMongo takes Philippine pesos (PHP) only; this payment is in ${input.currency}.`, "currency");
    // PayMongo has no idempotency header: a start is never retried automatically, and an unpaid
    // session left behind costs nothing.
    const r = await postJson(
      `${base(a)}/v1/checkout_sessions`,
      {
        data: {
          attributes: {
            line_items: [{ name: input.description.slice(0, 255), amount: Number(input.amountMinor), currency: "PHP", quantity: 1 }],
            payment_method_types: a.settings.paymentMethods.split(","),
            success_url: input.returnUrl,
            cancel_url: input.cancelUrl,
            reference_number: input.paymentRef,
            description: input.description.slice(0, 255),
            send_email_receipt: false,
            show_description: true,
            show_line_items: true,
            metadata: { paymentRef: input.paymentRef, account: input.accountRef.slice(0, 100) },
          },
        },
      },
      auth(a),
    );
    const id = typeof r.json?.data?.id === "string" ? r.json.data.id : null;
    const url = typeof r.json?.data?.attributes?.checkout_url === "string" ? r.json.data.attributes.checkout_url : null;
    if (r.status >= 200 && r.status < 300 && id && url) return { gatewayRef: id, redirectUrl: url };
    throw refusal(r, "to start the payment");
  },

  async parseCallback(a, request): Promise<ParsedCallback> {
    const header = headerOf(request, "paymongo-signature");
    if (!header) throw new CallbackRejected("No Paymongo-Signature header: not from PayMongo.");
    const fields = signatureFields(header);
    const t = fields.get("t")?.[0];
    const field = a.mode === "LIVE" ? "li" : "te";
    const given = fields.get(field)?.[0] ?? "";
    if (!given) throw new CallbackRejected(`The Paymongo-Signature has no ${field === "li" ? "live (li)" : "test (te)"} signature: was the event sent in the other mode?`);
    if (!t || !/^\d{1,12}$/.test(t)) throw new CallbackRejected("The Paymongo-Signature header has no timestamp (t=...).");
    if (!sameSignature(given, signedPayloadHmac(a.secrets.webhookSecret, t, request.body))) throw new CallbackRejected("The Paymongo-Signature does not match this gateway's webhook secret key.");
    checkedTimestamp(t, request, "Paymongo-Signature");

    const body = jsonObjectOf(request);
    const event = body.data as Resource | undefined;
    const type = event?.attributes?.type;
    if (!event || typeof event.id !== "string" || typeof type !== "string") throw new CallbackRejected("Not a PayMongo event: no data.id or data.attributes.type.");
    const eventId = event.id;
    const livemode = event.attributes?.livemode;
    if (typeof livemode === "boolean" && livemode !== (a.mode === "LIVE")) {
      return { events: [{ type: "ignored", eventId, reason: `A ${livemode ? "live" : "test"} event for a gateway in ${a.mode === "LIVE" ? "live" : "sandbox"} mode.` }] };
    }
    const resource = (event.attributes?.data ?? null) as Resource | null;
    if (type === "checkout_session.payment.paid") {
      if (!resource || typeof resource.id !== "string") throw new CallbackRejected("A checkout_session.payment.paid event without its checkout session.");
      const payment = paidPayment(resource);
      if (!payment) throw new CallbackRejected("A checkout_session.payment.paid event without a paid payment in it.");
      return { events: [paid(resource.id, payment, eventId)] };
    }
    if (type === "payment.failed") {
      // A failed try on the checkout page: the customer may try again on the same page, so the
      // attempt stays pending (its session is checked until it is paid or expires).
      const why = typeof resource?.attributes?.failed_message === "string" ? resource.attributes.failed_message : "no reason given";
      return { events: [{ type: "ignored", eventId, reason: `A payment try failed at PayMongo (${why.slice(0, 200)}); the customer may try again on the same checkout page.` }] };
    }
    return { events: [{ type: "ignored", eventId, reason: `PayMongo event ${type.slice(0, 80)}: not one we act on.` }] };
  },

  async query(a, gatewayRef) {
    const r = await getJson(`${base(a)}/v1/checkout_sessions/${encodeURIComponent(gatewayRef)}`, auth(a));
    const session = r.json?.data as Resource | undefined;
    if (r.status !== 200 || !session || session.id !== gatewayRef) throw refusal(r, "to look the payment up");
    const payment = paidPayment(session);
    if (payment) return { event: paid(gatewayRef, payment, null) };
    if (session.attributes?.status === "expired") return { event: { type: "expired", gatewayRef, code: "expired", reason: "The PayMongo checkout page expired before it was paid." } };
    return { event: { type: "pending", gatewayRef, reason: "The customer has not paid on the checkout page yet." } };
  },

  async ping(a) {
    checkKeyMode(a);
    const r = await getJson(`${base(a)}/v1/webhooks`, auth(a));
    if (r.status !== 200 || !Array.isArray(r.json?.data)) throw refusal(r, "to check the key");
    const ours = (r.json.data as Resource[]).find((w) => w?.attributes?.url === a.callbackUrl);
    if (!ours) return `PayMongo accepted the secret key. No PayMongo webhook sends to ${a.callbackUrl} yet: create one for checkout_session.payment.paid (payments are still found by the status check, minutes later).`;
    if (ours.attributes?.status !== "enabled") {
      throw new GatewayError(`PayMongo accepted the secret key, but its webhook to this site is ${String(ours.attributes?.status ?? "off")}: PayMongo switches a webhook off after repeated failed deliveries. Enable it again in PayMongo's dashboard.`, "webhook_disabled");
    }
    const events = Array.isArray(ours.attributes?.events) ? (ours.attributes.events as unknown[]) : [];
    if (!events.includes("checkout_session.payment.paid")) return "PayMongo accepted the secret key, but its webhook to this site does not send checkout_session.payment.paid: add that event.";
    return "PayMongo accepted the secret key; its webhook to this site is enabled.";
  },

  async refund(a, txnId, amountMinor) {
    const r = await postJson(`${base(a)}/v1/refunds`, { data: { attributes: { amount: Number(amountMinor), payment_id: txnId, reason: "requested_by_customer" } } }, auth(a));
    const id = typeof r.json?.data?.id === "string" ? r.json.data.id : null;
    if (r.status >= 200 && r.status < 300 && id) return { refundId: id };
    throw refusal(r, "the refund");
  },
};
