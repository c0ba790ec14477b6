import { isIP } from "node:net";
import type { Prisma } from "@/lib/db/generated/client";
import type { RouterStatus } from "@/lib/db/generated/enums";
import { withTenant, type Tx } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";

export const ROUTER_LIST_SPEC = {
  sortable: ["name", "nasIp", "site", "status", "coaPort", "createdAt"] as const,
  defaultSort: "name",
  defaultDir: "asc" as const,
  filters: { status: ["ACTIVE", "DISABLED"] },
};

export type RouterRow = {
  id: string;
  name: string;
  nasIp: string;
  site: string | null;
  status: string;
  coaPort: number;
  /** Sessions accounting says are open on this router (no stop time yet). */
  openSessions: number;
  createdAt: string;
};

/** Open accounting sessions per NAS address, for the given addresses of the tenant. */
export async function countOpenSessions(tx: Tx, tenantId: string, nasIps: string[]): Promise<Map<string, number>> {
  if (!nasIps.length) return new Map();
  const groups = await tx.radAcct.groupBy({
    by: ["nasipaddress"],
    where: { tenantId, acctstoptime: null, nasipaddress: { in: nasIps } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.nasipaddress, g._count._all]));
}

export async function listRouters(actor: OperatorActor, query: ListQuery): Promise<ListResult<RouterRow>> {
  assertCan(actor, "routers:view");
  const and: Prisma.RouterWhereInput[] = [{ tenantId: actor.tenantId }];
  if (query.q) {
    const or: Prisma.RouterWhereInput[] = [
      { name: { contains: query.q, mode: "insensitive" } },
      { site: { contains: query.q, mode: "insensitive" } },
    ];
    // nas_ip is inet: searchable by exact address only.
    if (isIP(query.q)) or.push({ nasIp: query.q });
    and.push({ OR: or });
  }
  if (query.filters.status) and.push({ status: query.filters.status as RouterStatus });
  const where = { AND: and };

  return withTenant(actor.tenantId, async (tx) => {
    const [total, rows] = await Promise.all([
      tx.router.count({ where }),
      tx.router.findMany({
        where,
        orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
        skip: query.skip,
        take: query.take,
        select: { id: true, name: true, nasIp: true, site: true, status: true, coaPort: true, createdAt: true },
      }),
    ]);
    const sessions = await countOpenSessions(tx, actor.tenantId, rows.map((r) => r.nasIp));
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        name: r.name,
        nasIp: r.nasIp,
        site: r.site,
        status: r.status,
        coaPort: r.coaPort,
        openSessions: sessions.get(r.nasIp) ?? 0,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  });
}
