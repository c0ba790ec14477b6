import type { Tx } from "@/lib/db";
import { open } from "@/lib/crypto/secret-box";

/** A router as FreeRADIUS sees it: a `nas` row keyed by the address its packets come from. */
export async function projectRouter(tx: Tx, routerId: string): Promise<void> {
  const router = await tx.router.findUnique({ where: { id: routerId } });
  if (!router || router.status !== "ACTIVE") {
    await tx.nas.deleteMany({ where: { routerId } });
    return;
  }
  const data = {
    tenantId: router.tenantId,
    nasname: router.nasIp,
    // FreeRADIUS hands the shortname to our queries as %{client:shortname}: the tenant of the router.
    shortname: router.tenantId,
    type: "other",
    secret: open(router.radiusSecretEnc),
    description: router.name,
  };
  await tx.nas.upsert({ where: { routerId }, create: { routerId, ...data }, update: data });
}
