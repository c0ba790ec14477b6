import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { countOpenSessions } from "./list-routers";

/** A router for its page and form. Never carries a secret: those are shown once, when generated. */
export type RouterDetail = {
  id: string;
  name: string;
  nasIp: string;
  site: string;
  status: string;
  coaPort: number;
  /** FreeRADIUS drops its Access-Requests without a valid Message-Authenticator. */
  requireMessageAuthenticator: boolean;
  /** The router answered a request signed with our secret (verify-router.ts): this ISP's claim on the address is proven. */
  proven: boolean;
  type: string;
  mode: "RADIUS" | "API";
  health: "UNKNOWN" | "ONLINE" | "OFFLINE";
  openSessions: number;
  createdAt: string;
  updatedAt: string;
};

export async function getRouterOrThrow(actor: OperatorActor, id: string): Promise<RouterDetail> {
  assertCan(actor, "routers:view");
  if (!isUuid(id)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  return withTenant(actor.tenantId, async (tx) => {
    const r = await tx.router.findFirst({
      where: { id, tenantId: actor.tenantId },
      // Select, never include: the sealed RADIUS secret and API password stay in the database.
      select: { id: true, name: true, nasIp: true, site: true, status: true, coaPort: true, requireMessageAuthenticator: true, provenAt: true, type: true, mode: true, health: true, createdAt: true, updatedAt: true },
    });
    if (!r) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    const sessions = await countOpenSessions(tx, actor.tenantId, [r.nasIp]);
    return {
      id: r.id,
      name: r.name,
      nasIp: r.nasIp,
      site: r.site ?? "",
      status: r.status,
      coaPort: r.coaPort,
      requireMessageAuthenticator: r.requireMessageAuthenticator,
      proven: r.provenAt !== null,
      type: r.type,
      mode: r.mode,
      health: r.health,
      openSessions: sessions.get(r.nasIp) ?? 0,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}
