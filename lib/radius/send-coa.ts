// RFC 5176 CoA-Request: a live session gets new limits (speed, address-list) without being cut.
// RouterOS applies Mikrotik-Rate-Limit to the running session's queue; a router that cannot
// answers CoA-NAK (e.g. Unsupported-Attribute) and the caller falls back to a Disconnect-Request.
import type { RadiusAttribute } from "./radius-udp";
import { sendToRouter, sessionIdentity, type DisconnectResult, type DisconnectTarget, type SendOptions, type SessionRef } from "./send-disconnect";

export type CoaResult = DisconnectResult;

/** What a CoA changes on the session: the values the customer's group replies with now. */
export type LiveLimits = { rateLimit: string; addressList: string | null };

const MIKROTIK = 14988;

export async function sendCoa(target: DisconnectTarget, session: SessionRef, limits: LiveLimits, options: SendOptions = {}): Promise<CoaResult> {
  const vendor: [string, unknown][] = [
    ["Mikrotik-Rate-Limit", limits.rateLimit],
    ...(limits.addressList ? ([["Mikrotik-Address-List", limits.addressList]] as [string, unknown][]) : []),
  ];
  const attributes: RadiusAttribute[] = [...sessionIdentity(session), ["Vendor-Specific", MIKROTIK, vendor]];
  return sendToRouter("CoA-Request", "CoA-ACK", attributes, target, options);
}
