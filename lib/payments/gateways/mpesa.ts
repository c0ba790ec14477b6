// M-Pesa Daraja (Safaricom, Kenya), docs/payments.md: STK push (the customer gets a prompt on the
// phone), its callback and status query, and C2B (the customer pays the paybill on its own with its
// username as the account number). Daraja signs nothing: a callback is believed only when its URL
// carries the gateway's secret token, and an STK result only after the status query agrees. The
// webhook slug is "daraja": Safaricom refuses callback URLs containing "mpesa".
import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { minorOfWholeUnits, minorUnitsOf, wholeUnitsUp } from "./amounts";
import { CallbackRejected, GatewayError, type GatewayAccount, type GatewayAdapter, type GatewayEvent, type ParsedCallback } from "./types";
import { getJson, postJson, tokenCache } from "./http";
import { jsonObjectOf } from "./signatures";

export const mpesaSettingsSchema = z.object({
  shortcode: z.string("The paybill or till number: 5 to 7 digits.").trim().regex(/^\d{5,7}$/, "The paybill or till number: 5 to 7 digits."),
  transactionType: z.enum(["CustomerPayBillOnline", "CustomerBuyGoodsOnline"], "Paybill or till (buy goods)."),
  /** Till payments: the till number money goes to when it differs from the shortcode. */
  partyB: z
    .string()
    .trim()
    .regex(/^\d{5,7}$/, "5 to 7 digits.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Empty: Safaricom's sandbox or production host by the gateway's mode. */
  baseUrl: z.url("A URL.").optional().or(z.literal("").transform(() => undefined)),
});
export type MpesaSettings = z.infer<typeof mpesaSettingsSchema>;

export const mpesaSecretsSchema = z.object({
  consumerKey: z.string("The app's consumer key.").trim().min(8, "The app's consumer key.").max(200, "At most 200 characters."),
  consumerSecret: z.string("The app's consumer secret.").trim().min(8, "The app's consumer secret.").max(200, "At most 200 characters."),
  passkey: z.string("The Lipa na M-Pesa passkey.").trim().min(8, "The Lipa na M-Pesa passkey.").max(200, "At most 200 characters."),
});
export type MpesaSecrets = z.infer<typeof mpesaSecretsSchema>;

type Account = GatewayAccount<MpesaSettings, MpesaSecrets>;

const HOSTS = { SANDBOX: "https://sandbox.safaricom.co.ke", LIVE: "https://api.safaricom.co.ke" } as const;
const base = (a: Account) => (a.settings.baseUrl ?? HOSTS[a.mode]).replace(/\/+$/, "");

/** Kenyan mobile numbers as Daraja wants them: 2547XXXXXXXX or 2541XXXXXXXX. */
export function darajaPhone(typed: string): string | null {
  const digits = typed.replace(/[\s()+-]/g, "");
  const m = /^(?:254|0)?([17]\d{8})$/.exec(digits);
  return m ? `254${m[1]}` : null;
}

/** YYYYMMDDHHmmss in Nairobi time (UTC+3 all year). */
export function darajaTimestamp(now = new Date()): string {
  const t = new Date(now.getTime() + 3 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

export const darajaPassword = (a: Account, timestamp: string) => Buffer.from(`${a.settings.shortcode}${a.secrets.passkey}${timestamp}`).toString("base64");

const tokens = tokenCache();
async function accessToken(a: Account): Promise<string> {
  return tokens.get(`${a.id}:${a.secrets.consumerKey}`, async () => {
    const basic = Buffer.from(`${a.secrets.consumerKey}:${a.secrets.consumerSecret}`).toString("base64");
    const r = await getJson(`${base(a)}/oauth/v1/generate?grant_type=client_credentials`, { Authorization: `Basic ${basic}` });
    if (r.status === 400 || r.status === 401) throw new GatewayError("M-Pesa refused the consumer key and secret.", "auth");
    const token = typeof r.json?.access_token === "string" ? r.json.access_token : null;
    if (r.status !== 200 || !token) throw new GatewayError(`M-Pesa's token call answered ${r.status}.`, "token", r.status >= 500);
    return { value: token, ttlSeconds: Number(r.json.expires_in ?? 3599) - 60 };
  });
}

/** ResultCode -> what it means for the payment. */
function outcome(code: string, desc: string, gatewayRef: string): GatewayEvent {
  switch (code) {
    case "1032":
      return { type: "cancelled", gatewayRef, code, reason: "Cancelled on the phone." };
    case "1019":
      return { type: "expired", gatewayRef, code, reason: "The prompt expired before it was answered." };
    case "1":
      return { type: "failed", gatewayRef, code, reason: "Not enough money in the M-Pesa account." };
    case "1037":
      return { type: "failed", gatewayRef, code, reason: "The phone could not be reached." };
    case "2001":
      return { type: "failed", gatewayRef, code, reason: "Wrong M-Pesa PIN." };
    default:
      return { type: "failed", gatewayRef, code, reason: desc || `M-Pesa result ${code}.` };
  }
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A metadata item by name (Daraja's order is not fixed, values may be numbers or strings). */
function item(items: unknown, name: string): string | null {
  if (!Array.isArray(items)) return null;
  const found = items.find((i): i is { Name: string; Value?: unknown } => Boolean(i) && typeof i === "object" && (i as { Name?: unknown }).Name === name);
  return found?.Value === undefined || found.Value === null ? null : String(found.Value);
}

export const mpesaAdapter: GatewayAdapter<MpesaSettings, MpesaSecrets> = {
  kind: "MPESA",
  slug: "daraja",
  label: "M-Pesa (Daraja)",
  parseSettings: (input) => mpesaSettingsSchema.parse(input),
  parseSecrets: (input) => mpesaSecretsSchema.parse(input),

  async start(a, input) {
    const phone = input.phone ? darajaPhone(input.phone) : null;
    if (!phone) throw new GatewayError("Give the M-Pesa phone number, e.g. 0712 345 678.", "phone");
    // Whole shillings (Daraja takes no cents): the amount rounded up.
    const shillings = wholeUnitsUp(input.amountMinor, input.currency);
    const timestamp = darajaTimestamp();
    const r = await postJson(
      `${base(a)}/mpesa/stkpush/v1/processrequest`,
      {
        BusinessShortCode: a.settings.shortcode,
        Password: darajaPassword(a, timestamp),
        Timestamp: timestamp,
        TransactionType: a.settings.transactionType,
        Amount: Number(shillings),
        PartyA: phone,
        PartyB: a.settings.partyB ?? a.settings.shortcode,
        PhoneNumber: phone,
        CallBackURL: `${a.callbackUrl}/${a.pathToken}/stk`,
        AccountReference: input.accountRef.slice(0, 12),
        TransactionDesc: "Internet".slice(0, 13),
      },
      { Authorization: `Bearer ${await accessToken(a)}` },
    );
    const ref = typeof r.json?.CheckoutRequestID === "string" ? r.json.CheckoutRequestID : null;
    if (r.status === 200 && String(r.json?.ResponseCode) === "0" && ref) {
      return {
        gatewayRef: ref,
        customerMessage: "Check your phone and enter your M-Pesa PIN.",
        amountMinor: minorOfWholeUnits(shillings, input.currency),
        expiresAt: new Date(Date.now() + 3 * 60_000),
      };
    }
    const code = String(r.json?.errorCode ?? r.json?.ResponseCode ?? r.status);
    if (code === "500.001.1001") throw new GatewayError("A payment for this phone is already waiting: answer it, or wait a minute.", code, true);
    throw new GatewayError(`M-Pesa refused the request: ${String(r.json?.errorMessage ?? r.json?.ResponseDescription ?? `HTTP ${r.status}`)}`, code, r.status >= 500);
  },

  async parseCallback(a, request): Promise<ParsedCallback> {
    // .../daraja/<gateway id>/<token>/<stk | c2b/validation | c2b/confirmation>
    const path = new URL(request.url, "http://x").pathname;
    const after = path.split(`/${a.id}/`)[1] ?? "";
    const [token = "", ...rest] = after.split("/");
    if (!tokenMatches(token, a.pathToken)) throw new CallbackRejected("The callback URL's token is not this gateway's.", 403);
    const kind = rest.join("/");
    const body = jsonObjectOf(request);
    if (kind === "stk") {
      const cb = (body.Body as { stkCallback?: Record<string, unknown> } | undefined)?.stkCallback;
      const ref = typeof cb?.CheckoutRequestID === "string" ? cb.CheckoutRequestID : null;
      if (!cb || !ref || cb.ResultCode === undefined) throw new CallbackRejected("Not an STK callback: no Body.stkCallback with CheckoutRequestID and ResultCode.");
      const code = String(cb.ResultCode);
      const reply = { status: 200, body: { ResultCode: 0, ResultDesc: "Accepted" } };
      if (code !== "0") return { events: [outcome(code, String(cb.ResultDesc ?? ""), ref)], reply };
      const items = (cb.CallbackMetadata as { Item?: unknown } | undefined)?.Item;
      const receipt = item(items, "MpesaReceiptNumber");
      const amountMinor = minorUnitsOf(item(items, "Amount"), "KES");
      if (!receipt || amountMinor === null) throw new CallbackRejected("A successful STK callback without MpesaReceiptNumber or Amount.");
      return {
        events: [{ type: "succeeded", gatewayRef: ref, txnId: receipt, amountMinor, currency: "KES", phone: item(items, "PhoneNumber"), note: String(cb.ResultDesc ?? "") }],
        reply,
        confirmByQuery: true,
      };
    }
    if (kind === "c2b/validation") {
      // Every account is accepted: money for an account we do not know goes to suspense.
      return { events: [{ type: "ignored", reason: "C2B validation" }], reply: { status: 200, body: { ResultCode: "0", ResultDesc: "Accepted" } } };
    }
    if (kind === "c2b/confirmation") {
      const txnId = typeof body.TransID === "string" ? body.TransID : null;
      const amountMinor = minorUnitsOf(body.TransAmount === undefined ? null : String(body.TransAmount), "KES");
      if (!txnId || amountMinor === null || amountMinor <= 0n) throw new CallbackRejected("A C2B confirmation without TransID or a TransAmount.");
      return {
        events: [{ type: "succeeded", txnId, amountMinor, currency: "KES", accountRef: typeof body.BillRefNumber === "string" ? body.BillRefNumber.trim() : null, phone: typeof body.MSISDN === "string" ? body.MSISDN : null }],
        reply: { status: 200, body: { ResultCode: 0, ResultDesc: "Success" } },
      };
    }
    throw new CallbackRejected(`No such M-Pesa callback: "${kind.slice(0, 40)}".`, 404);
  },

  async query(a, gatewayRef) {
    const timestamp = darajaTimestamp();
    const r = await postJson(
      `${base(a)}/mpesa/stkpushquery/v1/query`,
      { BusinessShortCode: a.settings.shortcode, Password: darajaPassword(a, timestamp), Timestamp: timestamp, CheckoutRequestID: gatewayRef },
      { Authorization: `Bearer ${await accessToken(a)}` },
    );
    const errorCode = r.json?.errorCode === undefined ? null : String(r.json.errorCode);
    // Still waiting for the customer (Daraja answers the query with an error while it does).
    if (errorCode === "500.001.1001" || (r.status >= 500 && !r.json?.ResultCode)) return { event: { type: "pending", gatewayRef, reason: String(r.json?.errorMessage ?? `HTTP ${r.status}`) } };
    if (r.status !== 200 || r.json?.ResultCode === undefined) throw new GatewayError(`M-Pesa's status query answered ${r.status}: ${String(r.json?.errorMessage ?? "")}`, errorCode ?? String(r.status), true);
    const code = String(r.json.ResultCode);
    if (code === "0") return { event: { type: "succeeded", gatewayRef, txnId: null, amountMinor: null, currency: "KES", note: String(r.json.ResultDesc ?? "") } };
    return { event: outcome(code, String(r.json.ResultDesc ?? ""), gatewayRef) };
  },

  async register(a) {
    const r = await postJson(
      `${base(a)}/mpesa/c2b/v1/registerurl`,
      { ShortCode: a.settings.shortcode, ResponseType: "Completed", ConfirmationURL: `${a.callbackUrl}/${a.pathToken}/c2b/confirmation`, ValidationURL: `${a.callbackUrl}/${a.pathToken}/c2b/validation` },
      { Authorization: `Bearer ${await accessToken(a)}` },
    );
    if (r.status !== 200 || String(r.json?.ResponseCode ?? "") !== "0") throw new GatewayError(`M-Pesa refused the C2B URLs: ${String(r.json?.errorMessage ?? r.json?.ResponseDescription ?? `HTTP ${r.status}`)}`, "register");
    return "C2B URLs registered: payments to the paybill with a customer's username as the account number are credited.";
  },

  async ping(a) {
    await accessToken(a);
    return "M-Pesa accepted the consumer key and secret.";
  },
};
