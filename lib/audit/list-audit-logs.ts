import type { Prisma } from "@/lib/db/generated/client";
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";

export const AUDIT_LIST_SPEC = {
  sortable: ["createdAt", "action", "actorName"] as const,
  defaultSort: "createdAt",
  defaultDir: "desc" as const,
  filters: {
    actorKind: ["OPERATOR", "CUSTOMER", "SYSTEM", "API_KEY"],
    targetType: ["Tenant", "Operator", "Customer", "JobRun"],
  },
};

export type AuditRow = {
  id: string;
  createdAt: string;
  actorKind: string;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
};

export async function listAuditLogs(actor: OperatorActor, query: ListQuery): Promise<ListResult<AuditRow>> {
  assertCan(actor, "audit:view");
  const and: Prisma.AuditLogWhereInput[] = [{ tenantId: actor.tenantId }];
  if (query.q) {
    and.push({
      OR: [
        { action: { startsWith: query.q.toLowerCase() } },
        { actorName: { contains: query.q, mode: "insensitive" } },
        { targetId: query.q },
      ],
    });
  }
  if (query.filters.actorKind) and.push({ actorKind: query.filters.actorKind as Prisma.AuditLogWhereInput["actorKind"] });
  if (query.filters.targetType) and.push({ targetType: query.filters.targetType });
  const where = { AND: and };
  return withTenant(actor.tenantId, async (tx) => {
    const [total, rows] = await Promise.all([
      tx.auditLog.count({ where }),
      tx.auditLog.findMany({ where, orderBy: [{ [query.sort]: query.dir }, { id: "asc" }], skip: query.skip, take: query.take }),
    ]);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        createdAt: r.createdAt.toISOString(),
        actorKind: r.actorKind,
        actorName: r.actorName,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        ip: r.ip,
        before: r.before,
        after: r.after,
      })),
    };
  });
}
