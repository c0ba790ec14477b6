// The idempotency token a money form carries: made once when its dialog renders, so every submit
// of that dialog (a double click, a retry after a timeout) names the same payment. From
// getRandomValues, which browsers offer on plain http too (randomUUID needs a secure context).
export function oneTimeToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
