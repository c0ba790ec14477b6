// RFC 5176 Disconnect-Request to a router, so a change (suspension, new package, expiry) applies
// to a live session now rather than at the next login.
import { sendRadius, type RadiusAttribute, type RadiusReply } from "./radius-udp";

export type DisconnectTarget = { host: string; port: number; secret: string };
export type SessionRef = { username: string; acctSessionId: string; framedIp?: string | null };
export type DisconnectResult = { outcome: "ACK" } | { outcome: "GONE" } | { outcome: "NAK"; errorCause: string } | { outcome: "TIMEOUT" };
export type SendOptions = { timeoutMs?: number; retries?: number };

/** Error-Cause 503: the router has no such session (it ended on its own). */
const SESSION_CONTEXT_NOT_FOUND = "Session-Context-Not-Found";

/** The attributes that name one session on the router (RFC 5176 section 3). */
export function sessionIdentity(session: SessionRef): RadiusAttribute[] {
  return [
    ["User-Name", session.username],
    ["Acct-Session-Id", session.acctSessionId],
    ...(session.framedIp ? ([["Framed-IP-Address", session.framedIp]] as RadiusAttribute[]) : []),
  ];
}

/** ACK, "no such session", another NAK, or no answer, whichever request it answers. */
function outcomeOf(reply: RadiusReply | null, ackCode: string): DisconnectResult {
  if (!reply) return { outcome: "TIMEOUT" };
  if (reply.code === ackCode) return { outcome: "ACK" };
  const cause = String(reply.attributes["Error-Cause"] ?? "unknown");
  return cause === SESSION_CONTEXT_NOT_FOUND || cause === "503" ? { outcome: "GONE" } : { outcome: "NAK", errorCause: cause };
}

/** One request to a router's CoA port (2 s per try, one retry unless told otherwise), read as an outcome. */
export async function sendToRouter(code: string, ackCode: string, attributes: RadiusAttribute[], target: DisconnectTarget, options: SendOptions = {}): Promise<DisconnectResult> {
  const reply = await sendRadius(code, attributes, {
    host: target.host,
    port: target.port,
    secret: target.secret,
    timeoutMs: options.timeoutMs ?? 2000,
    retries: options.retries ?? 1,
  });
  return outcomeOf(reply, ackCode);
}

export async function sendDisconnect(target: DisconnectTarget, session: SessionRef, options: SendOptions = {}): Promise<DisconnectResult> {
  return sendToRouter("Disconnect-Request", "Disconnect-ACK", sessionIdentity(session), target, options);
}
