// A fake bKash tokenized checkout for tests and the offline demo, like fakes/daraja.ts: it speaks
// the calls our adapter makes (grant token, create, execute, payment status, under
// /v1.2.0-beta/tokenized) with bKash's JSON shapes and status codes, checks the headers bKash
// checks (username and password on the grant; the bare id_token and X-App-Key after), and serves
// a plain payment page (the bkashURL: wallet number, "Pay", "Cancel") that sends the browser back
// to the callbackURL with paymentID and status. Money moves only at execute, as with bKash: the
// sandbox wallet 01823074817 is refused there for insufficient balance. approve() plays the
// customer and its browser for tests; how the browser comes back is chosen by setMode (twice,
// late, never, a wrong amount in bKash's answers, a stale cancel after the success).
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { browse as browseTo, deliveries, escapeHtml, fakeMode, jsonBody, randomChars, sendHtml, sendJson as send, serve, sleep } from "./fake-http";

/** What the customer does on bKash's page. */
export type BkashOutcome = "pay" | "cancel" | "insufficient-funds" | "failure";
export type BkashDelivery = "normal" | "duplicate" | "delayed" | "never" | "wrong-amount" | "out-of-order";

/** bKash's sandbox wallets: these pay; 01823074817 has too little money, 01823074818 is debit-blocked. */
export const BKASH_WALLETS = { pay: "01770618575", insufficient: "01823074817", blocked: "01823074818" } as const;
export const BKASH_PIN = "12121";

export interface FakeBkashOptions {
  port?: number;
  host?: string;
  username?: string;
  password?: string;
  appKey?: string;
  appSecret?: string;
  /** How late a "delayed" browser return is (ms). */
  delayMs?: number;
}

export interface FakeBkashPayment {
  paymentID: string;
  amount: string;
  currency: string;
  intent: string;
  merchantInvoiceNumber: string;
  payerReference: string;
  callbackURL: string;
  createTime: string;
  transactionStatus: "Initiated" | "Completed" | "Failed" | "Cancelled";
  /** The customer went through the page (wallet, OTP, PIN): execute may now move the money. */
  approved: boolean;
  wallet: string | null;
  delivery: BkashDelivery;
  trxID: string | null;
  executeTime: string | null;
  /** Every execute call, refused ones included. */
  executeCalls: number;
  statusCalls: number;
}

export interface FakeBkash {
  url: string;
  /** What the adapter's baseUrl setting should be. */
  baseUrl: string;
  port: number;
  payments: FakeBkashPayment[];
  /** Every browser return approve() made, with our answer (status, Location). */
  returns: { url: string; status: number | null; location: string | null }[];
  setMode(mode: { outcome?: BkashOutcome; delivery?: BkashDelivery }): void;
  /** The customer on bKash's page; its browser then comes back as the delivery mode says. Returns the return URL. */
  approve(paymentID: string, outcome?: BkashOutcome): string;
  settled(): Promise<void>;
  close(): Promise<void>;
}

const PREFIX = "/v1.2.0-beta/tokenized";

/** bKash answers refusals with HTTP 200 and its own status code. */
const refuse = (res: ServerResponse, statusCode: string, statusMessage: string) => send(res, 200, { statusCode, statusMessage });

/** bKash's times: "2024-01-31T10:15:30:123 GMT+0600". */
function dhakaTime(d = new Date()): string {
  const t = new Date(d.getTime() + 6 * 3600_000).toISOString();
  return `${t.slice(0, 19)}:${t.slice(20, 23)} GMT+0600`;
}

const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
const pick = (n: number) => randomChars(n, UPPER);

export async function startFakeBkash(options: FakeBkashOptions = {}): Promise<FakeBkash> {
  const username = options.username ?? "sandboxTokenizedUser02";
  const password = options.password ?? "sandboxTokenizedUser02@12345";
  const appKey = options.appKey ?? "fake-bkash-app-key";
  const appSecret = options.appSecret ?? "fake-bkash-app-secret";
  const delayMs = options.delayMs ?? 1_500;
  const host = options.host ?? "127.0.0.1";
  const tokens = new Set<string>();
  const payments: FakeBkashPayment[] = [];
  const returns: FakeBkash["returns"] = [];
  const { track, settled } = deliveries();
  const { mode, set: setMode } = fakeMode<BkashOutcome, BkashDelivery>({ outcome: "pay", delivery: "normal" });
  let root = "";

  /** The browser following bKash's redirect to the merchant (not following the merchant's own redirect). */
  const browse = async (url: string) => void returns.push({ url, ...(await browseTo(url)) });

  const returnUrl = (p: FakeBkashPayment, status: "success" | "failure" | "cancel") => {
    const u = new URL(p.callbackURL);
    u.searchParams.set("paymentID", p.paymentID);
    u.searchParams.set("status", status);
    u.searchParams.set("apiVersion", "1.2.0-beta");
    return u.toString();
  };

  /** The customer's choice on the page: what bKash records, and where it sends the browser. */
  const decide = (p: FakeBkashPayment, outcome: BkashOutcome, wallet: string | null): string => {
    if (p.transactionStatus !== "Initiated" || p.approved) return returnUrl(p, p.transactionStatus === "Cancelled" ? "cancel" : p.transactionStatus === "Failed" ? "failure" : "success");
    if (outcome === "cancel") {
      p.transactionStatus = "Cancelled";
      return returnUrl(p, "cancel");
    }
    if (outcome === "failure") {
      // E.g. the wrong PIN three times: bKash ends the payment on its page.
      p.transactionStatus = "Failed";
      return returnUrl(p, "failure");
    }
    p.approved = true;
    p.wallet = outcome === "insufficient-funds" ? BKASH_WALLETS.insufficient : (wallet ?? BKASH_WALLETS.pay);
    return returnUrl(p, "success");
  };

  const approve = (paymentID: string, outcome: BkashOutcome = mode.outcome): string => {
    const p = payments.find((x) => x.paymentID === paymentID);
    if (!p) throw new Error(`fake bKash: no payment ${paymentID}`);
    p.delivery = mode.delivery;
    const url = decide(p, outcome, null);
    switch (p.delivery) {
      case "never":
        break; // The customer closed the tab.
      case "delayed":
        void track(sleep(delayMs).then(() => browse(url)));
        break;
      case "duplicate":
        // The customer reloads the page it came back to.
        void track(browse(url).then(() => browse(url)));
        break;
      case "out-of-order":
        // A stale cancel (the back button, another tab) after the success.
        void track(browse(url).then(() => browse(returnUrl(p, "cancel"))));
        break;
      default:
        void track(browse(url));
    }
    return url;
  };

  /** What bKash's answers say about a payment ("wrong-amount": ten times what was asked). */
  const reported = (p: FakeBkashPayment) => (p.delivery === "wrong-amount" && p.transactionStatus === "Completed" ? (Number(p.amount) * 10).toFixed(2) : p.amount);

  const page = (res: ServerResponse, status: number, html: string) =>
    sendHtml(res, status, `<!doctype html><html><head><meta charset="utf-8"><title>bKash (fake)</title></head><body>${html}</body></html>`);

  const server = await serve(
    { port: options.port, host },
    (req, res, url, raw) => {
      // The payment page (bkashURL), for a browser.
      if (url.pathname === "/pay") {
        const form = new URLSearchParams(raw);
        const id = req.method === "POST" ? form.get("paymentId") : url.searchParams.get("paymentId");
        const p = payments.find((x) => x.paymentID === id);
        if (!p) return page(res, 404, "<h1>Invalid payment</h1>");
        if (req.method === "POST") {
          const wallet = (form.get("wallet") ?? "").trim();
          const pin = (form.get("pin") ?? "").trim();
          const outcome: BkashOutcome =
            form.get("action") === "cancel" ? "cancel" : pin !== BKASH_PIN ? "failure" : wallet === BKASH_WALLETS.insufficient ? "insufficient-funds" : mode.outcome;
          res.writeHead(303, { Location: decide(p, outcome, /^01\d{9}$/.test(wallet) ? wallet : null) }).end();
          return;
        }
        if (p.transactionStatus !== "Initiated" || p.approved) return page(res, 200, `<h1>This payment is already done</h1>`);
        const prefill = /^01\d{9}$/.test(p.payerReference) ? p.payerReference : BKASH_WALLETS.pay;
        return page(
          res,
          200,
          `<h1>bKash payment</h1><p>Invoice ${escapeHtml(p.merchantInvoiceNumber)}</p><p>Amount: <strong>৳${escapeHtml(p.amount)}</strong></p>` +
            `<form method="post" action="/pay"><input type="hidden" name="paymentId" value="${escapeHtml(p.paymentID)}">` +
            `<label>bKash account number <input name="wallet" value="${escapeHtml(prefill)}"></label> ` +
            `<label>PIN <input name="pin" type="password" value="${BKASH_PIN}"></label> ` +
            `<button type="submit" name="action" value="pay">Pay</button> <button type="submit" name="action" value="cancel">Cancel</button></form>`,
        );
      }

      if (!url.pathname.startsWith(`${PREFIX}/`)) return send(res, 404, { message: "Not Found" });
      const path = url.pathname.slice(PREFIX.length + 1);
      if (req.method !== "POST") return send(res, 403, { message: "Missing Authentication Token" });
      const parsed = jsonBody(raw);
      if (!parsed) return send(res, 400, { message: "Could not parse request body into json" });
      const { body } = parsed;

      if (path === "checkout/token/grant") {
        if (req.headers.username !== username || req.headers.password !== password) return send(res, 401, { message: "Unauthorized" });
        if (body.app_key !== appKey || body.app_secret !== appSecret) return refuse(res, "2001", "Invalid App Key");
        const token = `eyJ${randomBytes(48).toString("base64url")}`;
        tokens.add(token);
        return send(res, 200, { statusCode: "0000", statusMessage: "Successful", id_token: token, token_type: "Bearer", expires_in: 3600, refresh_token: `eyJ${randomBytes(24).toString("base64url")}` });
      }
      // The id_token as is ("Bearer ..." is refused, as by bKash), and the app key.
      if (!tokens.has(String(req.headers.authorization ?? ""))) return send(res, 401, { message: "Unauthorized" });
      if (req.headers["x-app-key"] !== appKey) return refuse(res, "2001", "Invalid App Key");

      if (path === "checkout/create") {
        if (body.mode !== "0011") return refuse(res, "2066", "Invalid mode");
        if (typeof body.payerReference !== "string" || !body.payerReference) return refuse(res, "2065", "Mandatory field missing: payerReference");
        if (typeof body.callbackURL !== "string" || !/^https?:\/\//.test(body.callbackURL)) return refuse(res, "2065", "Mandatory field missing: callbackURL");
        if (typeof body.amount !== "string" || !/^\d{1,9}(\.\d{1,2})?$/.test(body.amount) || Number(body.amount) < 1) return refuse(res, "2006", "Invalid Amount");
        if (body.currency !== "BDT") return refuse(res, "2007", "Invalid Currency");
        if (body.intent !== "sale" && body.intent !== "authorization") return refuse(res, "2008", "Invalid Intent");
        if (typeof body.merchantInvoiceNumber !== "string" || !body.merchantInvoiceNumber) return refuse(res, "2065", "Mandatory field missing: merchantInvoiceNumber");
        const p: FakeBkashPayment = {
          paymentID: `TR0011${pick(14)}${Date.now()}`,
          amount: body.amount,
          currency: "BDT",
          intent: body.intent,
          merchantInvoiceNumber: body.merchantInvoiceNumber,
          payerReference: body.payerReference,
          callbackURL: body.callbackURL,
          createTime: dhakaTime(),
          transactionStatus: "Initiated",
          approved: false,
          wallet: null,
          delivery: mode.delivery,
          trxID: null,
          executeTime: null,
          executeCalls: 0,
          statusCalls: 0,
        };
        payments.push(p);
        const hash = randomBytes(16).toString("hex");
        return send(res, 200, {
          paymentID: p.paymentID,
          paymentCreateTime: p.createTime,
          transactionStatus: p.transactionStatus,
          amount: p.amount,
          currency: p.currency,
          intent: p.intent,
          merchantInvoiceNumber: p.merchantInvoiceNumber,
          bkashURL: `${root}/pay?paymentId=${encodeURIComponent(p.paymentID)}&hash=${hash}&mode=0011&apiVersion=v1.2.0-beta`,
          callbackURL: p.callbackURL,
          successCallbackURL: returnUrl(p, "success"),
          failureCallbackURL: returnUrl(p, "failure"),
          cancelledCallbackURL: returnUrl(p, "cancel"),
          statusCode: "0000",
          statusMessage: "Successful",
        });
      }

      const p = payments.find((x) => x.paymentID === body.paymentID);
      if ((path === "checkout/execute" || path === "checkout/payment/status") && !p) return refuse(res, "2002", "Invalid Payment ID");

      if (path === "checkout/execute") {
        p!.executeCalls++;
        if (p!.transactionStatus === "Completed") return refuse(res, "2062", "The payment has already been completed");
        if (p!.executeCalls > 1 && p!.transactionStatus === "Failed") return refuse(res, "2117", "Payment execution already been called before");
        if (p!.transactionStatus !== "Initiated" || !p!.approved) return refuse(res, "2056", "Invalid Payment State");
        if (p!.wallet === BKASH_WALLETS.insufficient) {
          p!.transactionStatus = "Failed";
          return refuse(res, "2023", "Insufficient Balance");
        }
        if (p!.wallet === BKASH_WALLETS.blocked) {
          p!.transactionStatus = "Failed";
          return refuse(res, "2024", "Debit Blocked");
        }
        p!.transactionStatus = "Completed";
        p!.trxID = pick(10);
        p!.executeTime = dhakaTime();
        return send(res, 200, {
          paymentID: p!.paymentID,
          customerMsisdn: p!.wallet,
          payerReference: p!.payerReference,
          paymentExecuteTime: p!.executeTime,
          trxID: p!.trxID,
          transactionStatus: "Completed",
          amount: reported(p!),
          currency: p!.currency,
          intent: p!.intent,
          merchantInvoiceNumber: p!.merchantInvoiceNumber,
          statusCode: "0000",
          statusMessage: "Successful",
        });
      }

      if (path === "checkout/payment/status") {
        p!.statusCalls++;
        return send(res, 200, {
          paymentID: p!.paymentID,
          mode: "0011",
          paymentCreateTime: p!.createTime,
          ...(p!.executeTime ? { paymentExecuteTime: p!.executeTime } : {}),
          ...(p!.trxID ? { trxID: p!.trxID, customerMsisdn: p!.wallet } : {}),
          transactionStatus: p!.transactionStatus,
          amount: reported(p!),
          currency: p!.currency,
          intent: p!.intent,
          merchantInvoice: p!.merchantInvoiceNumber,
          payerReference: p!.payerReference,
          statusCode: "0000",
          statusMessage: "Successful",
        });
      }
      return send(res, 403, { message: "Missing Authentication Token" });
    },
    (res) => send(res, 500, { statusCode: "9999", statusMessage: "System Error" }),
  );
  root = server.url;
  return {
    url: root,
    baseUrl: `${root}${PREFIX}`,
    port: server.port,
    payments,
    returns,
    setMode,
    approve,
    settled,
    close: server.close,
  };
}
