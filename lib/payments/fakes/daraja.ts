// A fake M-Pesa Daraja for tests and the offline demo, like the RouterOS simulator: it speaks the
// API our adapter calls (OAuth token, STK push, STK query, C2B URL registration) with Daraja's
// shapes and codes, "answers on the phone" after a short delay, and sends the callbacks to the
// CallBackURL it was given. What the customer does, and how the callback travels, are chosen per
// payment by the phone number's last digit or for the whole server (setMode), so every fault a
// real deployment meets can be played: a cancel, no money, an unreachable phone, a callback sent
// twice, late, never, with a wrong amount, or a success whose callback says failure first.
import type { IncomingMessage } from "node:http";
import { randomBytes } from "node:crypto";
import { deliveries, jsonBody, sendJson as send, serve } from "./fake-http";

export type CustomerAnswer = "pay" | "cancel" | "no-money" | "unreachable" | "wrong-pin" | "ignore";
export type Delivery = "normal" | "duplicate" | "delayed" | "never" | "wrong-amount" | "failure-then-success" | "wrong-token";

export interface FakeDarajaOptions {
  port?: number;
  host?: string;
  consumerKey?: string;
  consumerSecret?: string;
  /** How long the customer takes to answer the prompt (ms). */
  answerAfterMs?: number;
  /** How late a "delayed" callback is (ms). */
  delayMs?: number;
}

interface Stk {
  checkoutRequestId: string;
  merchantRequestId: string;
  amount: number;
  phone: string;
  shortcode: string;
  callbackUrl: string;
  accountRef: string;
  answer: CustomerAnswer;
  delivery: Delivery;
  state: "waiting" | "done";
  resultCode: number;
  resultDesc: string;
  receipt: string | null;
}

const RESULTS: Record<Exclude<CustomerAnswer, "pay" | "ignore">, [number, string]> = {
  cancel: [1032, "Request cancelled by user"],
  "no-money": [1, "The balance is insufficient for the transaction"],
  unreachable: [1037, "DS timeout user cannot be reached"],
  "wrong-pin": [2001, "The initiator information is invalid."],
};

/** By the phone's last digit, so one server plays many customers: 0-4 pay, 5 cancel, 6 no money, 7 unreachable, 8 wrong PIN, 9 ignore. */
function answerOf(phone: string): CustomerAnswer {
  const d = Number(phone.slice(-1));
  return (["pay", "pay", "pay", "pay", "pay", "cancel", "no-money", "unreachable", "wrong-pin", "ignore"] as const)[d] ?? "pay";
}

export interface FakeDaraja {
  url: string;
  port: number;
  payments: Stk[];
  c2bUrls: { confirmation: string | null; validation: string | null };
  /** Every callback POSTed, with the HTTP status our side answered. */
  sent: { url: string; body: unknown; status: number | null }[];
  setMode(mode: { answer?: CustomerAnswer | null; delivery?: Delivery }): void;
  /** A customer pays the paybill on its own (C2B), to the registered confirmation URL. */
  payBill(input: { account: string; amount: number; phone?: string; transId?: string }): Promise<{ transId: string; status: number | null }>;
  /** Resolves when every callback scheduled so far was sent. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const nairobiNow = () => {
  const t = new Date(Date.now() + 3 * 3600_000);
  return Number(t.toISOString().replace(/\D/g, "").slice(0, 14));
};

export async function startFakeDaraja(options: FakeDarajaOptions = {}): Promise<FakeDaraja> {
  const consumerKey = options.consumerKey ?? "fake-consumer-key";
  const consumerSecret = options.consumerSecret ?? "fake-consumer-secret";
  const answerAfterMs = options.answerAfterMs ?? 200;
  const delayMs = options.delayMs ?? 1_500;
  const tokens = new Set<string>();
  const payments: Stk[] = [];
  const work = deliveries<FakeDaraja["sent"][number]>();
  const later = work.later;
  const c2bUrls: FakeDaraja["c2bUrls"] = { confirmation: null, validation: null };
  let mode: { answer: CustomerAnswer | null; delivery: Delivery } = { answer: null, delivery: "normal" };
  let seq = 0;

  const post = (url: string, body: unknown) => work.post(url, JSON.stringify(body), {}, { url, body });

  const callbackOf = (s: Stk, override?: { resultCode: number; desc: string; amount?: number }) => {
    const code = override?.resultCode ?? s.resultCode;
    const stkCallback: Record<string, unknown> = {
      MerchantRequestID: s.merchantRequestId,
      CheckoutRequestID: s.checkoutRequestId,
      ResultCode: code,
      ResultDesc: override?.desc ?? s.resultDesc,
    };
    if (code === 0) {
      stkCallback.CallbackMetadata = {
        // Not in a fixed order, and Balance without a value, as Daraja sends them.
        Item: [
          { Name: "MpesaReceiptNumber", Value: s.receipt },
          { Name: "Balance" },
          { Name: "Amount", Value: override?.amount ?? s.amount },
          { Name: "TransactionDate", Value: nairobiNow() },
          { Name: "PhoneNumber", Value: Number(s.phone) },
        ],
      };
    }
    return { Body: { stkCallback } };
  };

  const deliver = (s: Stk) => {
    const url = s.delivery === "wrong-token" ? s.callbackUrl.replace(/\/[^/]+\/stk$/, "/not-the-token/stk") : s.callbackUrl;
    switch (s.delivery) {
      case "never":
        return;
      case "delayed":
        return later(delayMs, () => post(url, callbackOf(s)));
      case "duplicate":
        void post(url, callbackOf(s));
        return later(50, () => post(url, callbackOf(s)));
      case "wrong-amount":
        return void post(url, callbackOf(s, { resultCode: s.resultCode, desc: s.resultDesc, amount: s.amount * 10 }));
      case "failure-then-success":
        // Out of order: a stale "timeout" arrives after the success it preceded.
        void post(url, callbackOf(s));
        return later(100, () => post(url, callbackOf(s, { resultCode: 1037, desc: "DS timeout user cannot be reached" })));
      default:
        return void post(url, callbackOf(s));
    }
  };

  const answer = (s: Stk) => {
    if (s.answer === "ignore") {
      s.state = "done";
      [s.resultCode, s.resultDesc] = [1037, "DS timeout user cannot be reached"];
      return; // The prompt times out on the phone; nothing is sent.
    }
    if (s.answer === "pay") {
      s.resultCode = 0;
      s.resultDesc = "The service request is processed successfully.";
      s.receipt = `FK${randomBytes(4).toString("hex").toUpperCase()}`;
    } else {
      [s.resultCode, s.resultDesc] = RESULTS[s.answer];
    }
    s.state = "done";
    deliver(s);
  };

  const bearer = (req: IncomingMessage) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    return m && tokens.has(m[1]!) ? m[1] : null;
  };

  const server = await serve(
    options,
    (req, res, url, raw) => {
      const parsed = jsonBody(raw);
      if (!parsed) return send(res, 400, { requestId: "fake", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid JSON" });
      const { body } = parsed;
      if (url.pathname === "/oauth/v1/generate") {
        const basic = Buffer.from(`${consumerKey}:${consumerSecret}`).toString("base64");
        if (req.headers.authorization !== `Basic ${basic}`) return send(res, 400, { resultCode: "999991", resultDesc: "Invalid client id passed" });
        const token = randomBytes(12).toString("hex");
        tokens.add(token);
        return send(res, 200, { access_token: token, expires_in: "3599" });
      }
      if (!bearer(req)) return send(res, 401, { requestId: "fake", errorCode: "404.001.03", errorMessage: "Invalid Access Token" });
      if (url.pathname === "/mpesa/stkpush/v1/processrequest") {
        const phone = String(body.PhoneNumber ?? "");
        const amount = Number(body.Amount);
        if (!/^2547\d{8}$|^2541\d{8}$/.test(phone)) return send(res, 400, { requestId: "fake", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid PhoneNumber" });
        if (!Number.isInteger(amount) || amount < 1) return send(res, 400, { requestId: "fake", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid Amount" });
        if (payments.some((p) => p.phone === phone && p.state === "waiting")) {
          return send(res, 500, { requestId: "fake", errorCode: "500.001.1001", errorMessage: "Unable to lock subscriber, a transaction is already in process for the current subscriber" });
        }
        seq++;
        const s: Stk = {
          checkoutRequestId: `ws_CO_${Date.now()}${seq}`,
          merchantRequestId: `fake-${seq}`,
          amount,
          phone,
          shortcode: String(body.BusinessShortCode ?? ""),
          callbackUrl: String(body.CallBackURL ?? ""),
          accountRef: String(body.AccountReference ?? ""),
          answer: mode.answer ?? answerOf(phone),
          delivery: mode.delivery,
          state: "waiting",
          resultCode: -1,
          resultDesc: "",
          receipt: null,
        };
        payments.push(s);
        later(answerAfterMs, () => answer(s));
        return send(res, 200, { MerchantRequestID: s.merchantRequestId, CheckoutRequestID: s.checkoutRequestId, ResponseCode: "0", ResponseDescription: "Success. Request accepted for processing", CustomerMessage: "Success. Request accepted for processing" });
      }
      if (url.pathname === "/mpesa/stkpushquery/v1/query") {
        const s = payments.find((p) => p.checkoutRequestId === body.CheckoutRequestID);
        if (!s) return send(res, 400, { requestId: "fake", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid CheckoutRequestID" });
        if (s.state === "waiting") return send(res, 500, { requestId: "fake", errorCode: "500.001.1001", errorMessage: "The transaction is being processed" });
        return send(res, 200, { ResponseCode: "0", ResponseDescription: "The service request has been accepted successsfully", MerchantRequestID: s.merchantRequestId, CheckoutRequestID: s.checkoutRequestId, ResultCode: String(s.resultCode), ResultDesc: s.resultDesc });
      }
      if (url.pathname === "/mpesa/c2b/v1/registerurl") {
        const confirmation = String(body.ConfirmationURL ?? "");
        if (/mpesa|safaricom/i.test(confirmation)) return send(res, 400, { requestId: "fake", errorCode: "400.003.02", errorMessage: "Bad Request - Invalid ConfirmationURL" });
        c2bUrls.confirmation = confirmation;
        c2bUrls.validation = String(body.ValidationURL ?? "") || null;
        return send(res, 200, { OriginatorCoversationID: "fake", ResponseCode: "0", ResponseDescription: "success" });
      }
      return send(res, 404, { requestId: "fake", errorCode: "404.001.01", errorMessage: "Resource not found" });
    },
    (res) => send(res, 500, { errorMessage: "fake failure" }),
  );
  return {
    url: server.url,
    port: server.port,
    payments,
    c2bUrls,
    sent: work.sent,
    setMode(next) {
      mode = { answer: next.answer === undefined ? mode.answer : next.answer, delivery: next.delivery ?? mode.delivery };
    },
    async payBill({ account, amount, phone = "254708374149", transId }) {
      if (!c2bUrls.confirmation) throw new Error("fake Daraja: no C2B confirmation URL registered");
      const id = transId ?? `FKC${randomBytes(4).toString("hex").toUpperCase()}`;
      const status = await post(c2bUrls.confirmation, {
        TransactionType: "Pay Bill",
        TransID: id,
        TransTime: String(nairobiNow()),
        TransAmount: amount.toFixed(2),
        BusinessShortCode: "174379",
        BillRefNumber: account,
        InvoiceNumber: "",
        OrgAccountBalance: "",
        ThirdPartyTransID: "",
        MSISDN: phone.slice(0, 6) + "***" + phone.slice(-3),
        FirstName: "JOHN",
        MiddleName: "",
        LastName: "DOE",
      });
      return { transId: id, status };
    },
    settled: work.settled,
    close: server.close,
  };
}
