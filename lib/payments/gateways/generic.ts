// The generic signed webhook: for any payment provider (a bank's collection account, a local
// wallet, an aggregator, the ISP's own script) that can POST JSON when money arrives for an
// account. It only receives: the provider announces "this much arrived for this account number",
// signed with a secret shared with the ISP, and the customer whose username is that account is
// credited (an unknown account's money waits in suspense). The contract, in full:
//
//   POST <webhook URL>                         Content-Type: application/json
//   X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the shared secret>
//   { "id": "<event id>", "txn_id": "<the money's own id>", "account": "<customer username>",
//     "amount": "150.00", "currency": "KES", "phone": "<optional>", "note": "<optional>" }
//
// The timestamp must be within five minutes of arrival (a replayed request is refused), the
// comparison is constant-time, several v1= signatures may be sent while a secret is rotated. The
// same txn_id is credited once however often it is sent. Answers: 200 received (or already
// received); 400 not signed right, too old, or not this shape; 422 refused (wrong currency);
// 500 try again later.
import { z } from "zod";
import { currencyExponent, isCurrency } from "@/lib/money/currencies";
import { minorUnitsOf } from "./amounts";
import type { GatewayForm } from "./fields";
import { checkedTimestamp, headerOf, jsonObjectOf, sameSignature, signatureFields, signedPayloadHmac } from "./signatures";
import { CallbackRejected, GatewayError, type GatewayAdapter, type ParsedCallback } from "./types";

export const genericSettingsSchema = z.object({});
export type GenericSettings = z.infer<typeof genericSettingsSchema>;

export const genericSecretsSchema = z.object({
  sharedSecret: z
    .string("A shared secret of at least 32 characters, e.g. from: openssl rand -hex 32")
    .trim()
    .min(32, "At least 32 characters, e.g. from: openssl rand -hex 32")
    .max(500, "At most 500 characters."),
});
export type GenericSecrets = z.infer<typeof genericSecretsSchema>;

/** The settings form (lib/payments/gateways/fields.ts lists it as GENERIC). */
export const GENERIC_FORM: GatewayForm = {
  label: "Other provider (signed webhook)",
  intro:
    "Any provider that can POST a signed JSON message when money arrives for an account number (the customer's username). Customers pay the provider directly; this site only receives. The message format and signature are in the payments documentation.",
  settings: [],
  secrets: [{ name: "sharedSecret", label: "Shared secret", hint: "At least 32 characters; the provider signs with the same. e.g. openssl rand -hex 32", required: true }],
};

const text = (max: number, what: string) =>
  z
    .string(`${what}: text.`)
    .trim()
    .min(1, `${what}: empty.`)
    .max(max, `${what}: at most ${max} characters.`)
    .refine((v) => !/\p{Cc}/u.test(v), `${what}: plain text only.`);

const announcementSchema = z.object({
  id: text(200, "id"),
  txn_id: text(100, "txn_id"),
  account: z
    .string("account: the customer's username, as text.")
    .trim()
    .max(100, "account: at most 100 characters."),
  amount: z.union([z.string(), z.number()], "amount: a decimal string such as \"150.00\"."),
  currency: z
    .string("currency: a three-letter code such as KES.")
    .trim()
    .transform((v) => v.toUpperCase())
    .refine(isCurrency, "currency: a three-letter ISO 4217 code such as KES."),
  phone: z.string().trim().max(40).optional().nullable(),
  note: z.string().trim().max(300).optional().nullable(),
});

export const genericAdapter: GatewayAdapter<GenericSettings, GenericSecrets> = {
  kind: "GENERIC",
  slug: "generic",
  receivesOnly: true,
  label: "Other provider (signed webhook)",
  parseSettings: (input) => genericSettingsSchema.parse(input),
  parseSecrets: (input) => genericSecretsSchema.parse(input),

  async start() {
    throw new GatewayError("This gateway only receives payments its provider announces: customers pay the provider directly, with their username as the account number.", "receive_only");
  },

  async parseCallback(a, request): Promise<ParsedCallback> {
    const header = headerOf(request, "x-signature");
    if (!header) throw new CallbackRejected("No X-Signature header: the message is not signed.");
    const fields = signatureFields(header);
    const t = fields.get("t")?.[0];
    const given = fields.get("v1") ?? [];
    if (!t || !/^\d{1,12}$/.test(t)) throw new CallbackRejected("The X-Signature header has no timestamp (t=<unix seconds>).");
    if (!given.length) throw new CallbackRejected("The X-Signature header has no signature (v1=<hex>).");
    const expected = signedPayloadHmac(a.secrets.sharedSecret, t, request.body);
    if (!given.some((g) => sameSignature(g, expected))) throw new CallbackRejected("The X-Signature does not match this gateway's shared secret.");
    checkedTimestamp(t, request, "X-Signature");

    const parsed = announcementSchema.safeParse(jsonObjectOf(request));
    if (!parsed.success) throw new CallbackRejected(`Not an announcement: ${parsed.error.issues.map((i) => i.message).join(" ")}`.slice(0, 500));
    const body = parsed.data;
    // "150", "150.5", "150.00" (at most the currency's decimals), up to 13 whole digits.
    const amountMinor = minorUnitsOf(body.amount, body.currency, 13);
    if (amountMinor === null || amountMinor <= 0n) {
      throw new CallbackRejected(`amount: a positive decimal with at most ${currencyExponent(body.currency)} decimals, such as "150.00".`);
    }
    return {
      events: [
        {
          type: "succeeded",
          eventId: body.id,
          txnId: body.txn_id,
          amountMinor,
          currency: body.currency,
          accountRef: body.account,
          phone: body.phone || null,
          note: body.note || null,
        },
      ],
    };
  },

  async query() {
    return { event: { type: "ignored", reason: "This gateway only receives: there is nothing to ask its provider." } };
  },

  async ping(a) {
    return `Nothing to call: this gateway only receives. The provider signs each message with the shared secret and posts it to ${a.callbackUrl}.`;
  },
};
