import type { Prisma } from "@/lib/db/generated/client";
import { isUuid, withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan, isStaff } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";
import { customerVisibility } from "@/lib/customers/customer-visibility";

export function onlineSessionsSpec(routerIds: string[]) {
  return {
    sortable: ["acctstarttime", "acctupdatetime", "username", "acctinputoctets", "acctoutputoctets"] as const,
    defaultSort: "acctstarttime",
    defaultDir: "desc" as const,
    filters: { router: routerIds },
  };
}

export type OnlineSessionRow = {
  id: string;
  username: string;
  customerId: string | null;
  routerName: string;
  framedIp: string | null;
  callingStationId: string | null;
  start: string | null;
  /** The router's last word on the session (Start or the latest interim update). */
  lastUpdate: string | null;
  seconds: number;
  bytesDown: string;
  bytesUp: string;
};

export type OnlineSessionsOptions = {
  /** Only this router's sessions (its page). An id that is not one of the ISP's routers is "not found". */
  routerId?: string;
};

/** Open sessions of the ISP (a reseller: of its subtree's customers), from accounting. */
export async function listOnlineSessions(actor: OperatorActor, query: ListQuery, options: OnlineSessionsOptions = {}): Promise<ListResult<OnlineSessionRow>> {
  assertCan(actor, "customers:view");
  if (options.routerId !== undefined) {
    assertCan(actor, "routers:view");
    if (!isUuid(options.routerId)) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
  }
  return withTenant(actor.tenantId, async (tx) => {
    const routers = await tx.router.findMany({ where: { tenantId: actor.tenantId }, select: { id: true, name: true, nasIp: true } });
    const and: Prisma.RadAcctWhereInput[] = [{ tenantId: actor.tenantId, acctstoptime: null }];
    if (!isStaff(actor.role)) {
      // A hotspot customer's device logs in with its MAC as username: those sessions are its too.
      const mine = await tx.customer.findMany({ where: customerVisibility(actor), select: { username: true, macAddress: true } });
      and.push({ username: { in: mine.flatMap((c) => [c.username, ...(c.macAddress ? [c.macAddress] : [])]) } });
    }
    const routerId = options.routerId ?? query.filters.router;
    const router = routers.find((r) => r.id === routerId);
    if (options.routerId !== undefined && !router) throw new AppError("NOT_FOUND", { userMessage: "Router not found." });
    if (router) and.push({ nasipaddress: router.nasIp });
    if (query.q) and.push({ OR: [{ username: { contains: query.q, mode: "insensitive" } }, { callingstationid: { contains: query.q, mode: "insensitive" } }] });
    const where = { AND: and };
    const [total, rows] = await Promise.all([
      tx.radAcct.count({ where }),
      tx.radAcct.findMany({ where, orderBy: [{ [query.sort]: query.dir }, { radacctid: "asc" }], skip: query.skip, take: query.take }),
    ]);
    const usernames = rows.map((r) => r.username ?? "");
    const customers = await tx.customer.findMany({
      where: { AND: [customerVisibility(actor), { OR: [{ username: { in: usernames } }, { macAddress: { in: usernames } }] }] },
      select: { id: true, username: true, macAddress: true },
    });
    const now = Date.now();
    return {
      total,
      rows: rows.map((r) => ({
        id: String(r.radacctid),
        username: r.username ?? "",
        customerId: (customers.find((c) => c.username === r.username) ?? customers.find((c) => c.macAddress === r.username))?.id ?? null,
        routerName: routers.find((x) => x.nasIp === r.nasipaddress)?.name ?? r.nasipaddress,
        framedIp: r.framedipaddress,
        callingStationId: r.callingstationid,
        start: r.acctstarttime?.toISOString() ?? null,
        lastUpdate: (r.acctupdatetime ?? r.acctstarttime)?.toISOString() ?? null,
        seconds: r.acctstarttime ? Math.max(0, Math.round((now - r.acctstarttime.getTime()) / 1000)) : 0,
        bytesDown: String(r.acctoutputoctets ?? 0n),
        bytesUp: String(r.acctinputoctets ?? 0n),
      })),
    };
  });
}

export async function listRouterChoices(actor: OperatorActor) {
  return withTenant(actor.tenantId, (tx) => tx.router.findMany({ where: { tenantId: actor.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }));
}
