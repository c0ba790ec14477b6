// Who the client is, from the TCP peer and X-Forwarded-For, trusting the header only as far as it
// was written by proxies the operator configured (TRUSTED_PROXIES). Anyone can send the header: a
// client-chosen address must never reach the login throttle or the audit log.
import { isIP, type BlockList } from "node:net";
import { inNetworkList, parseNetworkList } from "@/lib/net/network-list";

/**
 * TRUSTED_PROXIES: comma- or space-separated IPs and CIDRs (IPv4 and IPv6), e.g.
 * "127.0.0.1, 10.0.0.0/8, fd00::/8". Empty (the default) trusts no one: the TCP peer is the client.
 * An entry that is not an address or CIDR is an error at startup, not silently ignored.
 */
export function parseTrustedProxies(value: string | undefined): BlockList {
  return parseNetworkList("TRUSTED_PROXIES", value);
}

/** "::ffff:192.0.2.1" (an IPv4 peer on a dual-stack socket) is 192.0.2.1; anything else non-IP is null. */
export function normalizeIp(value: string | undefined | null): string | null {
  const v = value?.trim();
  if (!v) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  return isIP(v) ? v.toLowerCase() : null;
}

/**
 * The rightmost untrusted hop: start at the TCP peer; while the hop is a trusted proxy, step one
 * entry left in X-Forwarded-For (which each proxy appends to). The first hop that is not trusted
 * is the client. If the chain runs out, or the next entry is not an address, the last good hop is
 * the answer (it is the nearest address we can vouch for).
 */
export function resolveClientIp(peer: string | null | undefined, forwardedFor: string | null | undefined, trustedProxies: BlockList): string | null {
  let client = normalizeIp(peer);
  if (!client) return null;
  const hops = (forwardedFor ?? "").split(",");
  while (inNetworkList(trustedProxies, client) && hops.length) {
    const next = normalizeIp(hops.pop());
    if (!next) break;
    client = next;
  }
  return client;
}
