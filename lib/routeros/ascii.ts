// RouterOS stores text as bytes and node-routeros re-encodes it to Windows-1252, so anything
// beyond ASCII comes back as "?". We write ASCII only and keep human names in our database.
import { RouterOsValueError } from "./errors";

// Printable ASCII plus tab, CR and LF (scripts and multi-line comments).
const WRITABLE = /^[\t\n\r\x20-\x7e]*$/;

export function isWritableAscii(value: string): boolean {
  return WRITABLE.test(value);
}

/** Throws a RouterOsValueError naming the field when the value would not survive the round trip. */
export function assertWritableAscii(field: string, value: string): string {
  if (!WRITABLE.test(value)) {
    const bad = [...value].find((ch) => !WRITABLE.test(ch)) ?? "";
    const codePoint = bad.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
    throw new RouterOsValueError(field, `only ASCII can be written to a router (found U+${codePoint})`);
  }
  return value;
}

/** Best-effort ASCII for router-side labels: "José Núñez" -> "Jose Nunez"; other characters dropped. */
export function toAscii(text: string, replacement = ""): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\t\n\r\x20-\x7e]/g, replacement);
}
