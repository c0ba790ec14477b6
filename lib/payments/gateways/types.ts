// One interface for every payment gateway (docs/payments.md): start a payment, verify and read a
// callback, ask a payment's status, refund where the gateway allows. An adapter speaks one
// gateway's API and nothing else: it never touches our tables. lib/payments/settle.ts turns what
// an adapter reports into our payment, once.

export type GatewayKindName = "MPESA" | "STRIPE" | "PAYPAL" | "BKASH" | "PAYMONGO" | "GENERIC";

/** A gateway account as an adapter sees it: its settings, its unsealed secrets, where to call. */
export interface GatewayAccount<S = Record<string, unknown>, K = Record<string, string>> {
  id: string;
  tenantId: string;
  kind: GatewayKindName;
  mode: "SANDBOX" | "LIVE";
  settings: S;
  secrets: K;
  /** The token callback URLs carry (constant-time compared by adapters whose gateway signs nothing). */
  pathToken: string;
  /** Where this gateway's callbacks reach us: https://<app>/api/webhooks/<slug>/<gateway id>. */
  callbackUrl: string;
}

export interface StartInput {
  /** Our gateway payment's id: the reference the gateway carries back (metadata, invoice id...). */
  paymentRef: string;
  amountMinor: bigint;
  currency: string;
  /** Shown by the gateway: "Internet, account john". */
  description: string;
  /** The customer's account number (username). */
  accountRef: string;
  phone?: string | null;
  email?: string | null;
  /** Where the browser comes back to (redirect gateways). */
  returnUrl: string;
  cancelUrl: string;
  /** Sent as the gateway's idempotency header where it has one. */
  idempotencyKey: string;
}

export interface Started {
  /** The gateway's handle for the attempt. */
  gatewayRef: string;
  /** Redirect gateways: where the customer pays. */
  redirectUrl?: string | null;
  /** Push gateways (M-Pesa STK): what to tell the customer ("check your phone"). */
  customerMessage?: string | null;
  /** The amount actually asked for, when the gateway cannot take ours exactly (M-Pesa: whole shillings). */
  amountMinor?: bigint;
  expiresAt?: Date | null;
}

/** What a verified callback says about one payment. */
export type GatewayEvent =
  | {
      type: "succeeded";
      /** Dedupe id of the notification itself (Stripe evt_..., PayPal WH-...), when it has one. */
      eventId?: string | null;
      /** The attempt it concerns (our pending payment), when the gateway knows it. */
      gatewayRef?: string | null;
      /** The money's own id: M-Pesa receipt, capture id, trxID. Required for announced money (it dedupes it). */
      txnId?: string | null;
      /** Null when the gateway's answer does not say (M-Pesa's status query): the attempt's amount stands. */
      amountMinor: bigint | null;
      currency: string;
      /** C2B and generic webhooks: money announced for an account, with no attempt of ours. */
      accountRef?: string | null;
      phone?: string | null;
      /** The gateway's own words, for the admin. */
      note?: string | null;
    }
  | { type: "failed" | "cancelled" | "expired"; eventId?: string | null; gatewayRef: string; code?: string | null; reason: string }
  | { type: "pending"; eventId?: string | null; gatewayRef: string; reason?: string | null }
  | { type: "ignored"; eventId?: string | null; reason: string };

/** A stored request, as it arrived. */
export interface RawRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  /** When it arrived (a retry much later still judges a signature's age by this). */
  receivedAt?: Date;
}

/** A callback the adapter refuses: never credited, answered with a 4xx, kept with the reason. */
export class CallbackRejected extends Error {
  constructor(
    readonly reason: string,
    readonly status = 400,
  ) {
    super(reason);
  }
}

/** What the adapter answers the gateway with (M-Pesa and C2B want their own JSON). */
export interface CallbackReply {
  status: number;
  body: unknown;
  /**
   * A browser came back from the gateway (bKash's callbackURL, a redirect): send it on to the
   * payment's page in the portal instead of answering with JSON.
   */
  redirectToPayment?: boolean;
}

export interface ParsedCallback {
  events: GatewayEvent[];
  /** The body to answer with once the events are safely stored (default: 200 {"ok": true}). */
  reply?: CallbackReply;
  /**
   * Whether a success counts only once the gateway's status query agrees (M-Pesa callbacks are
   * unsigned; a bKash or PayPal browser return proves nothing). The query's answer completes the
   * event: its transaction id is used when the callback had none, and a query that must act to
   * complete the payment (bKash execute, PayPal capture) does so.
   */
  confirmByQuery?: boolean;
}

export interface StatusResult {
  event: GatewayEvent;
}

export interface GatewayAdapter<S = Record<string, unknown>, K = Record<string, string>> {
  kind: GatewayKindName;
  /** The URL segment of its webhooks. */
  slug: string;
  /** Only receives what its provider announces (no Pay button can start a payment with it). */
  receivesOnly?: boolean;
  label: string;
  /** Settings and secrets the settings page asks for, checked before saving. */
  parseSettings(input: Record<string, unknown>): S;
  parseSecrets(input: Record<string, unknown>): K;
  start(account: GatewayAccount<S, K>, input: StartInput): Promise<Started>;
  /** Verifies (signature, token) and reads a callback; throws CallbackRejected when it is not genuine or not readable. */
  parseCallback(account: GatewayAccount<S, K>, request: RawRequest): Promise<ParsedCallback>;
  /** The gateway's word on an attempt, asked when no callback came or before trusting an unsigned one. */
  query(account: GatewayAccount<S, K>, gatewayRef: string, expected: { amountMinor: bigint; currency: string }): Promise<StatusResult>;
  /** A cheap authenticated call proving the credentials work ("send a test payment" uses start). */
  ping(account: GatewayAccount<S, K>): Promise<string>;
  /** Tells the gateway where to send what it announces on its own (M-Pesa C2B URLs). */
  register?(account: GatewayAccount<S, K>): Promise<string>;
  refund?(account: GatewayAccount<S, K>, txnId: string, amountMinor: bigint, currency: string): Promise<{ refundId: string }>;
}

/** A gateway call that failed for a reason worth showing (declined, bad credentials, unreachable). */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** Worth trying again later (network, 5xx, rate limit). */
    readonly retryable = false,
  ) {
    super(message);
  }
}
