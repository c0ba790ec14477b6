// Voucher codes: drawn from a CSPRNG (crypto.randomInt, unbiased), from an alphabet without the
// characters people misread (0/O, 1/I/L), and stored only as a keyed hash (HMAC-SHA256 under a
// key derived from APP_ENCRYPTION_KEY and the tenant) with the last four characters for display.
// What a customer types is normalized first: case, spaces and dashes do not matter.
import { createHmac, randomInt } from "node:crypto";
import { derivedKey } from "../crypto/secret-box";

/** 31 characters: digits 2-9 and A-Z without I, L and O. */
export const DEFAULT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const AMBIGUOUS = /[01ILO]/;

/** Why an alphabet cannot be used, or null. */
export function alphabetProblem(alphabet: string): string | null {
  if (!/^[2-9A-Z]+$/.test(alphabet)) return "Use digits 2-9 and capital letters only.";
  if (AMBIGUOUS.test(alphabet)) return "Leave out 0, 1, I, L and O: people misread them.";
  if (new Set(alphabet).size !== alphabet.length) return "Each character once.";
  if (alphabet.length < 10) return "At least 10 characters.";
  return null;
}

export function generateCode(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** What was typed, as stored: capitals, no spaces or dashes. */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, "");
}

const baseKey = () => derivedKey("vouchers/code-hash");

/** The base key as hex, for FreeRADIUS: the database hashes typed hotspot codes with it (voucher_code_hash). */
export const voucherKeyHex = () => baseKey().toString("hex");

/** The stored form of a code: HMAC-SHA256 under the tenant's voucher key. */
export function codeHash(tenantId: string, code: string): Buffer {
  const key = createHmac("sha256", baseKey()).update(tenantId).digest();
  return createHmac("sha256", key).update(normalizeCode(code)).digest();
}

/** The part of a code shown on lists and statements. */
export const codeLast = (code: string) => normalizeCode(code).slice(-4);

/** How a code is printed: in groups of four after the prefix, e.g. "NET-7KQ2-X9MP". */
export function displayCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}
