// Secrets the app must read back (router passwords, PPPoE secrets for CHAP) are sealed with
// AES-256-GCM under APP_ENCRYPTION_KEY (32 bytes, base64). Format: v1.<iv>.<tag>.<ciphertext>.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

function key(): Buffer {
  const raw = process.env.APP_ENCRYPTION_KEY;
  if (!raw) throw new Error("APP_ENCRYPTION_KEY is not set (npm start generates one in .data/secrets.json)");
  const k = Buffer.from(raw, "base64");
  if (k.length !== 32) throw new Error("APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return k;
}

export function seal(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function open(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

const derived = new Map<string, { raw: string; key: Buffer }>();

/**
 * A key for one purpose ("vouchers/code-hash", "payments/link"...): HMAC-SHA256 of the label under
 * APP_ENCRYPTION_KEY, so each use has its own key and none reveals another. Cached per label.
 */
export function derivedKey(label: string): Buffer {
  const raw = process.env.APP_ENCRYPTION_KEY;
  if (!raw) throw new Error("APP_ENCRYPTION_KEY is not set");
  const hit = derived.get(label);
  if (hit?.raw === raw) return hit.key;
  const key = createHmac("sha256", Buffer.from(raw, "base64")).update(label).digest();
  derived.set(label, { raw, key });
  return key;
}
