// Operator-typed text made safe to lay out: names, addresses and line descriptions can hold
// anything a form accepts (quotes, %{...}, back-quotes, tabs, stray control characters, CRLF,
// a 300-character word). pdfkit prints text literally (no interpolation); what breaks a layout
// is control characters, unbounded length and newlines in one-line places, handled here.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/** Multi-line text: CRLF/CR to LF, tabs to spaces, control characters dropped, at most `max` chars. */
export function cleanText(value: string | null | undefined, max = 2000): string {
  if (value === null || value === undefined) return "";
  let s = String(value).replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(CONTROL, "");
  s = s.replace(/\n{3,}/g, "\n\n").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One-line text (a name, a number): newlines become " / ". */
export function cleanLine(value: string | null | undefined, max = 300): string {
  return cleanText(value, max).replace(/\s*\n\s*/g, " / ");
}
