// A payment provider wired to the generic signed webhook, for tests and the demo: it signs an
// announcement exactly as the contract in lib/payments/gateways/generic.ts says (X-Signature:
// t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">) and POSTs it. Faults are options: a
// timestamp moved into the past, a signature made with another secret, a body changed after
// signing, or a raw body of the caller's own.
import { createHmac, randomBytes } from "node:crypto";

export interface Announcement {
  id?: string;
  txn_id?: string;
  account: string;
  /** A decimal string ("150.00"), as the contract asks. */
  amount: string | number;
  currency: string;
  phone?: string;
  note?: string;
}

export interface AnnounceOptions {
  /** Unix seconds to sign with (default now): an old one plays a replay. */
  timestamp?: number;
  /** Sign with this secret instead of the shared one (a forger). */
  signWith?: string;
  /** Send this raw body instead of the announcement's JSON (signed as sent, unless tamper). */
  rawBody?: string;
  /** Change the body after signing (a man in the middle). */
  tamper?: (body: string) => string;
  /** Send no X-Signature header at all. */
  unsigned?: boolean;
}

export interface Announced {
  status: number | null;
  json: unknown;
  /** The body as sent and its X-Signature. */
  body: string;
  signature: string | null;
  /** The announcement with its generated ids. */
  announcement: Announcement & { id: string; txn_id: string };
}

/** The X-Signature value for a raw body. */
export function genericSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

/** Signs and POSTs one announcement to a generic gateway's webhook URL; resolves with our answer. */
export async function announce(url: string, secret: string, payment: Announcement, options: AnnounceOptions = {}): Promise<Announced> {
  const announcement = { ...payment, id: payment.id ?? `evt_${randomBytes(8).toString("hex")}`, txn_id: payment.txn_id ?? `TX${randomBytes(6).toString("hex").toUpperCase()}` };
  const signedBody = options.rawBody ?? JSON.stringify(announcement);
  const signature = options.unsigned ? null : genericSignature(options.signWith ?? secret, signedBody, options.timestamp);
  const body = options.tamper ? options.tamper(signedBody) : signedBody;
  let status: number | null = null;
  let json: unknown = null;
  try {
    const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...(signature ? { "X-Signature": signature } : {}) }, body, signal: AbortSignal.timeout(10_000) });
    status = r.status;
    const text = await r.text();
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
  } catch {
    status = null;
  }
  return { status, json, body, signature, announcement };
}
