import { headers } from "next/headers";
import { CLIENT_IP_HEADER, clientIpFromStamp } from "./client-ip-stamp";

/**
 * The client address: the TCP peer, or what trusted proxies (TRUSTED_PROXIES) reported, as
 * stamped on the request by ./client-ip-stamp.ts. Never a header value the client chose.
 */
export async function requestIp(): Promise<string | null> {
  return clientIpFromStamp((await headers()).get(CLIENT_IP_HEADER));
}

/** The same for next-auth's authorize(), which gets the request headers as a plain object. */
export function requestIpFromHeaders(h: Record<string, unknown> | undefined): string | null {
  const value = h?.[CLIENT_IP_HEADER];
  return clientIpFromStamp(typeof value === "string" ? value : null);
}
