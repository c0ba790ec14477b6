// The session cookie's JWT, in next-auth 4's own format (dir + A256GCM under a key derived with
// HKDF-SHA256 from NEXTAUTH_SECRET, so cookies issued either way stay valid), with the derived
// key computed once per secret instead of on every request: next-auth derives it on each decode,
// which cost ~0.8 ms of CPU per request under load (docs/benchmarks.md).
import { createDecipheriv, hkdfSync, randomUUID } from "node:crypto";
import { EncryptJWT } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const DEFAULT_MAX_AGE = 30 * 24 * 60 * 60;
const keys = new Map<string, Uint8Array>();

function derivedKey(secret: string | Buffer, salt: string): Uint8Array {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, 32));
    keys.set(id, key);
  }
  return key;
}

export async function encodeSessionJwt({ token, secret, maxAge = DEFAULT_MAX_AGE, salt = "" }: JWTEncodeParams): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new EncryptJWT({ ...token })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt(now)
    .setExpirationTime(now + maxAge)
    .setJti(randomUUID())
    .encrypt(derivedKey(secret, salt));
}

const CLOCK_TOLERANCE_S = 15;

/**
 * Decrypts a compact JWE (dir, A256GCM) synchronously with node:crypto: jose goes through
 * WebCrypto, whose every call is a hop to the thread pool. Throws on anything but a valid,
 * unexpired token of exactly that form.
 */
export async function decodeSessionJwt({ token, secret, salt = "" }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 5) throw new Error("session token: not a compact JWE");
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const header = JSON.parse(Buffer.from(protectedHeader, "base64url").toString("utf8")) as Record<string, unknown>;
  if (header.alg !== "dir" || header.enc !== "A256GCM" || header.zip !== undefined || encryptedKey !== "") throw new Error("session token: unexpected header");
  const ivBytes = Buffer.from(iv, "base64url");
  const tagBytes = Buffer.from(tag, "base64url");
  if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new Error("session token: bad iv or tag");
  const decipher = createDecipheriv("aes-256-gcm", derivedKey(secret, salt), ivBytes, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(protectedHeader, "ascii"));
  decipher.setAuthTag(tagBytes);
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  const payload = JSON.parse(plaintext.toString("utf8")) as JWT & { exp?: unknown; nbf?: unknown };
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== "number" || payload.exp < now - CLOCK_TOLERANCE_S) throw new Error("session token: expired");
  if (typeof payload.nbf === "number" && payload.nbf > now + CLOCK_TOLERANCE_S) throw new Error("session token: not yet valid");
  return payload;
}
