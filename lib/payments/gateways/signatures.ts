// Signed webhooks as PayMongo and the generic webhook sign them: HMAC-SHA256 of
// "<timestamp>.<raw body>" with a shared secret, sent in a header of comma-separated key=value
// pairs. What the adapters share: reading that header, computing the signature over the raw bytes
// (never a re-serialised JSON), comparing in constant time, and refusing a timestamp more than five
// minutes from when the request reached us (a replayed request is refused even with a good
// signature). Stripe's SDK does the same for Stripe.
import { createHmac, timingSafeEqual } from "node:crypto";
import { CallbackRejected, type RawRequest } from "./types";

/** How far a signature's timestamp may be from the request's arrival, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** "t=1,v1=ab,v1=cd" -> { t: ["1"], v1: ["ab", "cd"] } (a key may repeat while secrets rotate). */
export function signatureFields(header: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    const key = part.slice(0, at).trim();
    const list = fields.get(key) ?? [];
    list.push(part.slice(at + 1).trim());
    fields.set(key, list);
  }
  return fields;
}

/** Lower-case hex HMAC-SHA256 of `${timestamp}.${body}`, over the body's bytes as received. */
export function signedPayloadHmac(secret: string, timestamp: string, body: Buffer): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** Constant-time comparison of a hex signature given by the sender with the one we computed. */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim().toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * When the request reached us, in milliseconds. A request processed again by the retry job is
 * judged by its arrival, not by the retry's clock: RawRequest may carry `receivedAt` (see the
 * report on lib/payments/webhooks.ts); without it, now.
 */
export function receivedAtMs(request: RawRequest): number {
  const at = request.receivedAt;
  return at instanceof Date && !Number.isNaN(at.getTime()) ? at.getTime() : Date.now();
}

/** The header's unix timestamp, refused when missing, malformed, or more than the tolerance away from arrival. */
export function checkedTimestamp(value: string | undefined, request: RawRequest, headerName: string): number {
  if (!value || !/^\d{1,12}$/.test(value)) throw new CallbackRejected(`The ${headerName} header has no timestamp (t=...).`);
  const t = Number(value);
  const skew = Math.round(receivedAtMs(request) / 1000 - t);
  if (skew > SIGNATURE_TOLERANCE_SECONDS) throw new CallbackRejected(`The signature is ${skew} seconds old; at most ${SIGNATURE_TOLERANCE_SECONDS} are accepted (a replay, or a clock that is off).`);
  if (-skew > SIGNATURE_TOLERANCE_SECONDS) throw new CallbackRejected(`The signature is dated ${-skew} seconds in the future; at most ${SIGNATURE_TOLERANCE_SECONDS} are accepted (a clock that is off).`);
  return t;
}

/** A header's value by name, whatever its case (stored requests keep lower-case names). */
export function headerOf(request: RawRequest, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(request.headers)) if (k.toLowerCase() === wanted) return v;
  return null;
}

/** The body as a JSON object, or a refusal. */
export function jsonObjectOf(request: RawRequest): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(request.body.toString("utf8"));
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Falls through.
  }
  throw new CallbackRejected("The body is not a JSON object.");
}
