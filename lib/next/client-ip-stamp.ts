// Next.js does not give route handlers or server actions the TCP peer address, and `next start`
// keeps a client-sent X-Forwarded-For as is (it only fills the header in when absent). So the
// server process stamps every incoming request, before Next sees it, with the client address
// resolved from the socket and TRUSTED_PROXIES (./client-ip.ts). Installed once per process by
// instrumentation.ts. The stamp carries a per-process random token: a request that arrived
// before the stamp was installed, or a client forging the header, yields no address (unknown)
// rather than a chosen one.
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { BlockList } from "node:net";
import { normalizeIp, parseTrustedProxies, resolveClientIp } from "./client-ip";

export const CLIENT_IP_HEADER = "x-isp-client-ip";

const STATE = Symbol.for("isp-cloud.client-ip-stamp");
type StampState = { token: string };
const holder = globalThis as { [STATE]?: StampState };

/** Overwrites the stamp header of one request (any value the client sent is replaced). */
export function stampRequest(req: IncomingMessage, token: string, trustedProxies: BlockList): void {
  const forwarded = req.headers["x-forwarded-for"];
  const ip = resolveClientIp(req.socket?.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trustedProxies);
  req.headers[CLIENT_IP_HEADER] = `${token} ${ip ?? "-"}`;
}

/** Patches the HTTP(S) servers of this process (including ones already listening). Idempotent. */
export function installClientIpStamp(env: Record<string, string | undefined> = process.env): void {
  if (holder[STATE]) return;
  const trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  const token = randomBytes(18).toString("base64url");
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const emit = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampRequest(args[0] as IncomingMessage, token, trustedProxies);
      return emit.call(this, event, ...args);
    } as typeof proto.emit;
  }
  holder[STATE] = { token };
}

/** The client address from a request's stamp; null when unstamped, forged or unknown. */
export function clientIpFromStamp(value: string | null | undefined): string | null {
  const state = holder[STATE];
  if (!state || !value) return null;
  const space = value.indexOf(" ");
  return space > 0 && value.slice(0, space) === state.token ? normalizeIp(value.slice(space + 1)) : null;
}
