// One open session feels a customer change. A speed-only change goes as a CoA-Request; a router
// that refuses it (CoA-NAK), or a state a CoA cannot express, gets a Disconnect-Request instead.
// A refusal or silence throws, so the job retries and the customer page shows why.
import { closeSession, findOpenSessions } from "./customer-sessions";
import type { LiveChangeMode } from "./events";
import { liveLimitsOf } from "./live-limits";
import { sendCoa } from "./send-coa";
import { sendDisconnect } from "./send-disconnect";

export async function applyLiveChange(tenantId: string, customerId: string, acctUniqueId: string, mode: LiveChangeMode): Promise<string> {
  const session = (await findOpenSessions(tenantId, customerId)).find((x) => x.acctUniqueId === acctUniqueId);
  if (!session) return "already closed";
  const router = session.router;
  if (!router) {
    await closeSession(tenantId, acctUniqueId, "NAS-Unknown");
    return "router unknown: session closed";
  }
  const target = { host: session.nasIp, port: router.coaPort, secret: router.secret };
  const where = `${router.name} (${session.nasIp}:${router.coaPort})`;

  let fallback = "";
  if (mode === "coa") {
    const limits = await liveLimitsOf(tenantId, customerId, session.username);
    if (!limits) {
      fallback = "the new state needs a new login; ";
    } else {
      const coa = await sendCoa(target, session, limits);
      if (coa.outcome === "ACK") return `speed changed to ${limits.rateLimit}`;
      if (coa.outcome === "GONE") {
        await closeSession(tenantId, acctUniqueId, "Lost-Service");
        return "not on the router: session closed";
      }
      if (coa.outcome === "TIMEOUT") throw new Error(`${where} did not answer the CoA-Request`);
      fallback = `${router.name} refused the CoA-Request (${coa.errorCause}); `;
    }
  }

  const result = await sendDisconnect(target, session);
  if (result.outcome === "ACK") return `${fallback}disconnected`;
  if (result.outcome === "GONE") {
    await closeSession(tenantId, acctUniqueId, "Lost-Service");
    return `${fallback}not on the router: session closed`;
  }
  throw new Error(
    fallback +
      (result.outcome === "TIMEOUT" ? `${where} did not answer the Disconnect-Request` : `${router.name} refused the Disconnect-Request: ${result.errorCause}`),
  );
}
