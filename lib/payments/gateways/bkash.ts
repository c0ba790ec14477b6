// bKash tokenized checkout (Bangladesh; docs/payments.md, "bKash"): we create a payment, the
// customer approves it on bKash's page (wallet, OTP, PIN) and its browser comes back to our webhook
// route (.../bkash/<gateway id>/return?paymentID=...&status=...). That return is unsigned and proves
// nothing, and no money moves until we call execute. So a return saying success is only a cue: the
// status query asks bKash, executes a payment the customer approved (once per query), and only a
// "Completed" status with a trxID is money. bKash signs nothing and has no idempotency header:
// execute is safe to repeat because bKash refuses a second one.
import { z } from "zod";
import { decimalString, minorUnitsOf } from "./amounts";
import { CallbackRejected, GatewayError, type GatewayAccount, type GatewayAdapter, type GatewayEvent, type ParsedCallback } from "./types";
import { postJson, tokenCache, type JsonResponse } from "./http";

export const bkashSettingsSchema = z.object({
  /**
   * bKash's API address up to ".../tokenized". Empty: the sandbox. Live needs it: the live host is
   * given with the live credentials (published sources disagree on it).
   */
  baseUrl: z.url("A URL.").optional().or(z.literal("").transform(() => undefined)),
});
export type BkashSettings = z.infer<typeof bkashSettingsSchema>;

const secret = (what: string, min: number) => z.string(what).trim().min(min, what).max(200, "At most 200 characters.");
export const bkashSecretsSchema = z.object({
  username: secret("The API username bKash gave you.", 3),
  password: secret("The API password bKash gave you.", 4),
  appKey: secret("The app key.", 8),
  appSecret: secret("The app secret.", 8),
});
export type BkashSecrets = z.infer<typeof bkashSecretsSchema>;

type Account = GatewayAccount<BkashSettings, BkashSecrets>;

export const BKASH_SANDBOX_URL = "https://tokenized.sandbox.bka.sh/v1.2.0-beta/tokenized";

function base(a: Account): string {
  if (a.settings.baseUrl) return a.settings.baseUrl.replace(/\/+$/, "");
  if (a.mode === "LIVE") throw new GatewayError("Set bKash's API address for live payments: bKash gives it with the live credentials.", "settings");
  return BKASH_SANDBOX_URL;
}

const tokens = tokenCache();
async function idToken(a: Account): Promise<string> {
  return tokens.get(`${a.id}:${a.secrets.username}:${a.secrets.appKey}`, async () => {
    const r = await postJson(`${base(a)}/checkout/token/grant`, { app_key: a.secrets.appKey, app_secret: a.secrets.appSecret }, { username: a.secrets.username, password: a.secrets.password });
    const token = typeof r.json?.id_token === "string" ? r.json.id_token : null;
    if (token && (r.json.statusCode === undefined || String(r.json.statusCode) === "0000")) return { value: token, ttlSeconds: Number(r.json.expires_in ?? 3600) - 120 };
    if (r.status >= 500 || r.status === 429) throw new GatewayError(`bKash's token call answered ${r.status}.`, "token", true);
    throw new GatewayError(`bKash refused the username, password or app key: ${words(r)}`, code(r) || "auth");
  });
}

const code = (r: JsonResponse) => String(r.json?.statusCode ?? r.json?.errorCode ?? "");
const words = (r: JsonResponse) => String(r.json?.statusMessage ?? r.json?.errorMessage ?? r.json?.message ?? `HTTP ${r.status}`);

/** An authenticated call (the id_token as is, no "Bearer"); a token bKash no longer takes is fetched again once. */
async function api(a: Account, path: string, body: unknown): Promise<JsonResponse> {
  const send = async () => postJson(`${base(a)}/${path}`, body, { Authorization: await idToken(a), "X-App-Key": a.secrets.appKey });
  const r = await send();
  if (r.status !== 401 && r.status !== 403) return r;
  tokens.clear();
  return send();
}

/** Execute's refusals that end the payment (the others: not approved yet, already executed, try later). */
const FINAL: Record<string, string> = {
  "2023": "Not enough money in the bKash account.",
  "2024": "The bKash account cannot pay (debit blocked).",
};

/** What bKash's payment status says about the payment. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bKash's JSON, read field by field
function outcome(paymentID: string, s: any): GatewayEvent {
  const status = String(s?.transactionStatus ?? "");
  switch (status) {
    case "Completed": {
      const amountMinor = minorUnitsOf(s.amount, "BDT");
      if (typeof s.trxID !== "string" || !s.trxID || amountMinor === null) throw new GatewayError("bKash says the payment is completed but gives no trxID or amount.", "status", true);
      return { type: "succeeded", gatewayRef: paymentID, txnId: s.trxID, amountMinor, currency: typeof s.currency === "string" ? s.currency : "BDT", note: `bKash ${s.trxID}${s.customerMsisdn ? ` from ${String(s.customerMsisdn)}` : ""}.` };
    }
    case "Failed":
    case "Declined":
      return { type: "failed", gatewayRef: paymentID, code: status, reason: String(s.statusMessage && s.statusMessage !== "Successful" ? s.statusMessage : "The bKash payment failed.") };
    case "Cancelled":
      return { type: "cancelled", gatewayRef: paymentID, code: status, reason: "Cancelled on bKash's page." };
    case "Expired":
      return { type: "expired", gatewayRef: paymentID, code: status, reason: "The bKash payment expired before it was paid." };
    default:
      // Initiated (not approved yet), Pending Authorized, Authorized...
      return { type: "pending", gatewayRef: paymentID, reason: `Waiting for the customer to pay on bKash (${status || "no status"}).` };
  }
}

async function paymentStatus(a: Account, paymentID: string): Promise<JsonResponse> {
  const r = await api(a, "checkout/payment/status", { paymentID });
  if (r.status >= 500 || r.status === 429) throw new GatewayError(`bKash's status query answered ${r.status}.`, "status", true);
  return r;
}

export const bkashAdapter: GatewayAdapter<BkashSettings, BkashSecrets> = {
  kind: "BKASH",
  slug: "bkash",
  label: "bKash",
  parseSettings: (input) => bkashSettingsSchema.parse(input),
  parseSecrets: (input) => bkashSecretsSchema.parse(input),

  async start(a, input) {
    if (input.currency !== "BDT") throw new GatewayError(`bKash takes taka (BDT) only, not ${input.currency}: choose another way to pay.`, "currency");
    const r = await api(a, "checkout/create", {
      mode: "0011",
      payerReference: input.accountRef,
      // The browser comes back to our webhook route, which confirms with bKash and sends it on to the payment's page.
      callbackURL: `${a.callbackUrl}/return`,
      // Taka as bKash's decimal string ("1500.00").
      amount: decimalString(input.amountMinor, input.currency),
      currency: "BDT",
      intent: "sale",
      merchantInvoiceNumber: input.paymentRef,
    });
    const paymentID = typeof r.json?.paymentID === "string" ? r.json.paymentID : null;
    const url = typeof r.json?.bkashURL === "string" ? r.json.bkashURL : null;
    if (code(r) === "0000" && paymentID && url) return { gatewayRef: paymentID, redirectUrl: url };
    throw new GatewayError(`bKash refused the payment: ${words(r)}`, code(r) || String(r.status), r.status >= 500 || r.status === 429);
  },

  async parseCallback(a, request): Promise<ParsedCallback> {
    // .../bkash/<gateway id>/return?paymentID=...&status=success|failure|cancel: the customer's browser.
    const url = new URL(request.url, "http://x");
    const rest = (url.pathname.split(`/${a.id}`)[1] ?? "").replace(/\/+$/, "");
    if (rest !== "/return") throw new CallbackRejected("No such bKash callback: bKash sends the customer back to .../return.", 404);
    if (request.method !== "GET") throw new CallbackRejected("bKash sends the customer's browser back with a GET.", 405);
    const paymentID = url.searchParams.get("paymentID") ?? "";
    const status = url.searchParams.get("status") ?? "";
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(paymentID) || !["success", "failure", "cancel"].includes(status)) {
      throw new CallbackRejected("Not a return from bKash: it needs a paymentID and a status of success, failure or cancel.");
    }
    const reply = { status: 303, body: null, redirectToPayment: true };
    // Untrusted: a success counts only once the status query (which executes the payment) agrees.
    if (status === "success") {
      return { events: [{ type: "succeeded", gatewayRef: paymentID, txnId: null, amountMinor: null, currency: "BDT", note: "The customer came back from bKash saying success." }], reply, confirmByQuery: true };
    }
    // A failure or cancel moves nothing: no money moves without our execute.
    if (status === "cancel") return { events: [{ type: "cancelled", gatewayRef: paymentID, code: "cancel", reason: "Cancelled on bKash's page." }], reply };
    return { events: [{ type: "failed", gatewayRef: paymentID, code: "failure", reason: "The payment failed on bKash's page." }], reply };
  },

  async query(a, paymentID) {
    let s = await paymentStatus(a, paymentID);
    if (code(s) !== "0000") {
      if (code(s) === "2002") return { event: { type: "failed", gatewayRef: paymentID, code: "2002", reason: "bKash does not know this payment." } };
      throw new GatewayError(`bKash's status query refused: ${words(s)}`, code(s) || String(s.status), true);
    }
    if (s.json.transactionStatus !== "Initiated") return { event: outcome(paymentID, s.json) };

    // Not executed yet: execute it (bKash refuses when the customer has not approved), then ask again.
    let executed: JsonResponse | null = null;
    try {
      executed = await api(a, "checkout/execute", { paymentID });
    } catch (e) {
      // An execute that timed out may still have moved the money: the status below says.
      if (!(e instanceof GatewayError && e.retryable)) throw e;
    }
    s = await paymentStatus(a, paymentID);
    const now = code(s) === "0000" ? String(s.json.transactionStatus ?? "") : "";
    if (now === "Completed") return { event: outcome(paymentID, s.json) };
    if (executed && code(executed) === "0000" && executed.json?.transactionStatus === "Completed") return { event: outcome(paymentID, executed.json) };
    const refusal = executed ? code(executed) : "";
    if (FINAL[refusal]) return { event: { type: "failed", gatewayRef: paymentID, code: refusal, reason: FINAL[refusal]! } };
    if (now && now !== "Initiated") return { event: outcome(paymentID, s.json) };
    return { event: { type: "pending", gatewayRef: paymentID, reason: `Waiting for the customer to pay on bKash${executed ? ` (${words(executed)})` : ""}.` } };
  },

  async ping(a) {
    await idToken(a);
    return "bKash accepted the username, password and app key.";
  },
};
