import { randomBytes } from "node:crypto";
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record-audit";
import { open } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";
import { projectRouter } from "@/lib/radius/project-router";
import { sendToRouter } from "@/lib/radius/send-disconnect";

export type VerifyResult = { proven: boolean };

/**
 * Proves this ISP's claim on the router's address (docs/radius.md, "NAS claims"): a
 * Disconnect-Request for a session that cannot exist goes to the router's CoA port, signed with
 * this router's secret. Any answer (RouterOS NAKs an unknown session) proves it, because
 * sendRadius takes only an answer whose Response Authenticator verifies with that secret over our
 * random Request Authenticator: only the device at that address that knows the secret can give
 * one, and an off-path forger never sees the request. A proven claim serves the address in
 * FreeRADIUS from then on; the latest proof wins. A failure says nothing about other ISPs.
 */
export async function verifyRouter(actor: OperatorActor, id: string): Promise<VerifyResult> {
  assertCan(actor, "routers:manage");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  const router = await withTenant(actor.tenantId, (tx) =>
    tx.router.findFirst({ where: { id, tenantId: actor.tenantId }, select: { id: true, nasIp: true, coaPort: true, radiusSecretEnc: true, status: true } }),
  );
  if (!router) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  if (router.status !== "ACTIVE") throw new AppError("VALIDATION", { userMessage: "Enable the router first: a disabled router is not in FreeRADIUS." });
  const probe = randomBytes(8).toString("hex");
  const answer = await sendToRouter(
    "Disconnect-Request",
    "Disconnect-ACK",
    [
      ["User-Name", `isp-cloud-verify-${probe}`],
      ["Acct-Session-Id", probe],
    ],
    { host: router.nasIp, port: router.coaPort, secret: open(router.radiusSecretEnc) },
  );
  const proven = answer.outcome !== "TIMEOUT";
  await withTenant(actor.tenantId, async (tx) => {
    if (proven) {
      await tx.router.update({ where: { id }, data: { provenAt: new Date() } });
      await projectRouter(tx, id);
    }
    await recordAudit(tx, { actor, action: proven ? "router.verify" : "router.verify_failed", targetType: "Router", targetId: id });
  });
  return { proven };
}
