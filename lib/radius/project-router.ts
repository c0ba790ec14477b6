import type { Tx } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";

/**
 * A router as FreeRADIUS sees it: a `nas` row (its claim on the address its packets come from).
 * Another ISP may claim the same address; which claim FreeRADIUS serves is radius_nas_claim's
 * rule (docs/radius.md, "NAS claims"), fed by the proof copied here.
 */
export async function projectRouter(tx: Tx, routerId: string): Promise<void> {
  const router = await tx.router.findUnique({ where: { id: routerId } });
  if (!router || router.status !== "ACTIVE") {
    await tx.nas.deleteMany({ where: { routerId } });
    return;
  }
  const data = {
    tenantId: router.tenantId,
    nasname: router.nasIp,
    // The tenant, for FreeRADIUS's logs (its queries derive the tenant from the address).
    shortname: router.tenantId,
    type: "other",
    secret: open(router.radiusSecretEnc),
    description: router.name,
    requireMa: router.requireMessageAuthenticator,
    provenAt: router.provenAt,
  };
  await tx.nas.upsert({ where: { routerId }, create: { routerId, ...data }, update: data });
}
