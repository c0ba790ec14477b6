// Stripe Checkout (cards and Stripe's other methods, worldwide), through the official `stripe`
// SDK: a Checkout Session per attempt (the customer pays on Stripe's page), its webhooks verified
// with the endpoint's signing secret on the raw body (the SDK's constructEvent), the session
// retrieved when no webhook came, refunds on the payment intent. A payment counts on
// `checkout.session.completed` with payment_status "paid" or on
// `checkout.session.async_payment_succeeded` (delayed methods), never on the browser's return.
// Settings may point the SDK at another host (the fake Stripe in tests and the demo).
import Stripe from "stripe";
import { z } from "zod";
import type { GatewayForm } from "./fields";
import { receivedAtMs, SIGNATURE_TOLERANCE_SECONDS, headerOf } from "./signatures";
import { CallbackRejected, GatewayError, type GatewayAccount, type GatewayAdapter, type GatewayEvent, type ParsedCallback } from "./types";

export const stripeSettingsSchema = z.object({
  /** Empty: Stripe's own API (api.stripe.com). */
  apiBase: z.url("A URL, e.g. http://127.0.0.1:12111.").optional().or(z.literal("").transform(() => undefined)),
});
export type StripeSettings = z.infer<typeof stripeSettingsSchema>;

export const stripeSecretsSchema = z.object({
  secretKey: z
    .string("The secret key from Stripe's dashboard (Developers, API keys): sk_test_... or sk_live_....")
    .trim()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,247}$/, "The secret key from Stripe's dashboard (Developers, API keys): sk_test_... or sk_live_...."),
  webhookSecret: z
    .string("The webhook endpoint's signing secret: whsec_....")
    .trim()
    .regex(/^whsec_[A-Za-z0-9+/=_-]{8,250}$/, "The webhook endpoint's signing secret: whsec_...."),
});
export type StripeSecrets = z.infer<typeof stripeSecretsSchema>;

type Account = GatewayAccount<StripeSettings, StripeSecrets>;
type Session = Stripe.Checkout.Session;

/** The settings form (lib/payments/gateways/fields.ts lists it as STRIPE). */
export const STRIPE_FORM: GatewayForm = {
  label: "Stripe (cards)",
  intro:
    "Cards and Stripe's other methods, worldwide. Customers pay on Stripe's checkout page. In Stripe's dashboard add a webhook endpoint with the URL shown here, for checkout.session.completed, checkout.session.async_payment_succeeded, checkout.session.async_payment_failed and checkout.session.expired, and paste its signing secret.",
  settings: [{ name: "apiBase", label: "API address", hint: "Leave empty: Stripe's own. Only for a test server." }],
  secrets: [
    { name: "secretKey", label: "Secret key", hint: "sk_test_... in sandbox mode, sk_live_... in live mode.", required: true },
    { name: "webhookSecret", label: "Webhook signing secret", hint: "whsec_..., from the webhook endpoint.", required: true },
  ],
};

// One SDK client per key and address (the SDK keeps its HTTP agent); a few hundred at most.
const clients = new Map<string, Stripe>();
function client(a: Account): Stripe {
  const key = `${a.secrets.secretKey}\u0000${a.settings.apiBase ?? ""}`;
  let stripe = clients.get(key);
  if (!stripe) {
    const config: Stripe.StripeConfig = { maxNetworkRetries: 1, timeout: 30_000, telemetry: false };
    if (a.settings.apiBase) {
      const url = new URL(a.settings.apiBase);
      config.protocol = url.protocol === "http:" ? "http" : "https";
      config.host = url.hostname;
      config.port = url.port || (url.protocol === "http:" ? "80" : "443");
    }
    stripe = new Stripe(a.secrets.secretKey, config);
    if (clients.size >= 500) clients.delete(clients.keys().next().value!);
    clients.set(key, stripe);
  }
  return stripe;
}

/** A live key in sandbox mode (or a test key in live mode) is a mistake worth saying plainly. */
function checkKeyMode(a: Account) {
  const live = /^(sk|rk)_live_/.test(a.secrets.secretKey);
  if (a.mode === "LIVE" && !live) throw new GatewayError("This is a Stripe test key (sk_test_...), but the gateway is in live mode: give the live key, or switch the gateway to sandbox.", "key_mode");
  if (a.mode === "SANDBOX" && live) throw new GatewayError("This is a Stripe live key (sk_live_...), but the gateway is in sandbox mode: give the test key, or switch the gateway to live.", "key_mode");
}

/** The SDK's errors as ours: what went wrong in plain words, and whether trying later may help. */
function asGatewayError(e: unknown, doing: string): GatewayError {
  if (e instanceof GatewayError) return e;
  if (e instanceof Stripe.errors.StripeAuthenticationError) return new GatewayError("Stripe refused the secret key: check it in the gateway's settings.", "auth");
  if (e instanceof Stripe.errors.StripePermissionError) return new GatewayError(`The Stripe key may not do this (${doing}): use a key with access to Checkout, balance and refunds.`, "permission");
  if (e instanceof Stripe.errors.StripeConnectionError) return new GatewayError("Stripe could not be reached.", "network", true);
  if (e instanceof Stripe.errors.StripeRateLimitError) return new GatewayError("Stripe asks us to slow down: try again in a minute.", "rate_limit", true);
  if (e instanceof Stripe.errors.StripeError) {
    if (e instanceof Stripe.errors.StripeAPIError || (e.statusCode ?? 0) >= 500) return new GatewayError(`Stripe had a problem ${doing}: try again in a minute.`, e.code ?? "api_error", true);
    // The SDK puts the request id first ("[req_...] ..."): useful in logs, noise for a person.
    return new GatewayError(`Stripe refused ${doing}: ${e.message.replace(/^\[req_\w+\]\s*/, "")}`, e.code ?? e.type ?? "stripe", false);
  }
  return new GatewayError(`Stripe could not be asked (${doing}): ${e instanceof Error ? e.message : String(e)}`, "error", true);
}

const intentId = (s: Session) => (typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null));

/** A paid session as our success event. */
function succeeded(s: Session, eventId: string | null): GatewayEvent {
  if (s.amount_total === null || !s.currency) throw new CallbackRejected("A paid Checkout Session without amount_total or currency.");
  return { type: "succeeded", eventId, gatewayRef: s.id, txnId: intentId(s), amountMinor: BigInt(s.amount_total), currency: s.currency.toUpperCase(), note: "Paid on Stripe Checkout." };
}

const EXPIRED_REASON = "The Stripe checkout page expired (or was left) before it was paid.";
const ASYNC_FAILED_REASON = "The payment did not go through: the customer's bank or wallet declined it.";

/** What a verified signature check failure means, in plain words. */
function signatureReason(message: string): string {
  if (/tolerance/i.test(message)) return `The Stripe signature is more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes old: a replay, or a clock that is off.`;
  if (/extract timestamp|expected scheme/i.test(message)) return "The Stripe-Signature header is malformed.";
  return "The Stripe-Signature does not match this gateway's webhook signing secret.";
}

export const stripeAdapter: GatewayAdapter<StripeSettings, StripeSecrets> = {
  kind: "STRIPE",
  slug: "stripe",
  label: "Stripe (cards)",
  parseSettings: (input) => stripeSettingsSchema.parse(input),
  parseSecrets: (input) => stripeSecretsSchema.parse(input),

  async start(a, input) {
    checkKeyMode(a);
    let session: Session;
    try {
      session = await client(a).checkout.sessions.create(
        {
          mode: "payment",
          line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: Number(input.amountMinor), product_data: { name: input.description.slice(0, 250) } } }],
          success_url: input.returnUrl,
          cancel_url: input.cancelUrl,
          client_reference_id: input.paymentRef,
          metadata: { paymentRef: input.paymentRef, account: input.accountRef.slice(0, 100) },
          payment_intent_data: { metadata: { paymentRef: input.paymentRef } },
          ...(input.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email) ? { customer_email: input.email } : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      );
    } catch (e) {
      throw asGatewayError(e, "to start the payment");
    }
    if (!session.url) throw new GatewayError("Stripe created the checkout session without a page to pay on.", "no_url");
    return { gatewayRef: session.id, redirectUrl: session.url, expiresAt: session.expires_at ? new Date(session.expires_at * 1000) : null };
  },

  async parseCallback(a, request): Promise<ParsedCallback> {
    const header = headerOf(request, "stripe-signature");
    if (!header) throw new CallbackRejected("No Stripe-Signature header: not from Stripe.");
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(request.body, header, a.secrets.webhookSecret, SIGNATURE_TOLERANCE_SECONDS, undefined, receivedAtMs(request));
    } catch (e) {
      if (e instanceof Stripe.errors.StripeSignatureVerificationError) throw new CallbackRejected(signatureReason(e.message));
      throw new CallbackRejected("The body is not a Stripe event (JSON).");
    }
    if (!event || typeof event.id !== "string" || typeof event.type !== "string") throw new CallbackRejected("The body is not a Stripe event (no id or type).");
    const eventId = event.id;
    switch (event.type) {
      case "checkout.session.completed": {
        const s = event.data.object;
        if (s.payment_status === "paid") return { events: [succeeded(s, eventId)] };
        if (s.payment_status === "unpaid") return { events: [{ type: "pending", eventId, gatewayRef: s.id, reason: "Completed with a delayed payment method: waiting for the money to arrive." }] };
        return { events: [{ type: "ignored", eventId, reason: `A completed checkout that needs no payment (${s.payment_status}).` }] };
      }
      case "checkout.session.async_payment_succeeded":
        return { events: [succeeded(event.data.object, eventId)] };
      case "checkout.session.async_payment_failed":
        return { events: [{ type: "failed", eventId, gatewayRef: event.data.object.id, code: "async_payment_failed", reason: ASYNC_FAILED_REASON }] };
      case "checkout.session.expired":
        return { events: [{ type: "expired", eventId, gatewayRef: event.data.object.id, code: "expired", reason: EXPIRED_REASON }] };
      default:
        return { events: [{ type: "ignored", eventId, reason: `Stripe event ${String(event.type).slice(0, 80)}: not one we act on.` }] };
    }
  },

  async query(a, gatewayRef) {
    let s: Session;
    try {
      s = await client(a).checkout.sessions.retrieve(gatewayRef, { expand: ["payment_intent"] });
    } catch (e) {
      throw asGatewayError(e, "to look the payment up");
    }
    if (s.status === "complete" && s.payment_status === "paid") return { event: succeeded(s, null) };
    if (s.status === "expired") return { event: { type: "expired", gatewayRef, code: "expired", reason: EXPIRED_REASON } };
    if (s.status === "complete" && s.payment_intent && typeof s.payment_intent === "object") {
      const pi = s.payment_intent;
      if (pi.status === "requires_payment_method" || pi.status === "canceled") {
        return { event: { type: "failed", gatewayRef, code: pi.last_payment_error?.decline_code ?? pi.last_payment_error?.code ?? pi.status, reason: pi.last_payment_error?.message ?? ASYNC_FAILED_REASON } };
      }
      return { event: { type: "pending", gatewayRef, reason: "Completed with a delayed payment method: waiting for the money to arrive." } };
    }
    return { event: { type: "pending", gatewayRef, reason: "The customer has not paid on the checkout page yet." } };
  },

  async ping(a) {
    checkKeyMode(a);
    try {
      const balance = await client(a).balance.retrieve();
      const currencies = [...new Set(balance.available.map((b) => b.currency.toUpperCase()))].join(", ");
      return `Stripe accepted the secret key${currencies ? ` (balance in ${currencies})` : ""}.`;
    } catch (e) {
      throw asGatewayError(e, "to check the key");
    }
  },

  async refund(a, txnId, amountMinor) {
    try {
      const refund = await client(a).refunds.create({ payment_intent: txnId, amount: Number(amountMinor), reason: "requested_by_customer" });
      return { refundId: refund.id };
    } catch (e) {
      throw asGatewayError(e, "the refund");
    }
  },
};
