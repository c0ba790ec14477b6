// The app's public address, for links that leave the browser: QR codes printed on voucher cards,
// the callback URLs payment gateways are given, payment links sent to customers.
/** NEXTAUTH_URL (the URL browsers use, README), else this server on localhost. */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.NEXTAUTH_URL?.trim();
  if (raw) {
    try {
      const url = new URL(raw);
      if (url.protocol === "https:" || url.protocol === "http:") return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
      // Not a URL: fall through to localhost.
    }
  }
  return `http://localhost:${env.PORT?.trim() || "3000"}`;
}
