import type { Prisma } from "@/lib/db/generated/client";
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";
import { operatorVisibility } from "./operator-visibility";

export const OPERATOR_LIST_SPEC = {
  sortable: ["name", "email", "role", "status", "createdAt", "commissionShareBp"] as const,
  defaultSort: "createdAt",
  defaultDir: "desc" as const,
  filters: {
    role: ["OWNER", "ADMIN", "MANAGER", "RESELLER", "SUB_RESELLER"],
    status: ["ACTIVE", "SUSPENDED", "DISABLED"],
  },
};

export type OperatorRow = {
  id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  parentName: string | null;
  commissionShareBp: number;
  billingMode: string;
  customerCount: number;
  createdAt: string;
};

export async function listOperators(actor: OperatorActor, query: ListQuery): Promise<ListResult<OperatorRow>> {
  if (!can(actor, "operators:view") && !can(actor, "subresellers:manage")) throw new AppError("FORBIDDEN");
  const and: Prisma.OperatorWhereInput[] = [operatorVisibility(actor)];
  if (query.q) {
    and.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q, mode: "insensitive" } }] });
  }
  if (query.filters.role) and.push({ role: query.filters.role as Prisma.OperatorWhereInput["role"] });
  if (query.filters.status) and.push({ status: query.filters.status as Prisma.OperatorWhereInput["status"] });
  const where = { AND: and };

  return withTenant(actor.tenantId, async (tx) => {
    const [total, rows] = await Promise.all([
      tx.operator.count({ where }),
      tx.operator.findMany({
        where,
        orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
        skip: query.skip,
        take: query.take,
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          status: true,
          commissionShareBp: true,
          billingMode: true,
          createdAt: true,
          parent: { select: { name: true } },
          _count: { select: { customers: true } },
        },
      }),
    ]);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        name: r.name,
        email: r.email,
        role: r.role,
        status: r.status,
        parentName: r.parent?.name ?? null,
        commissionShareBp: r.commissionShareBp,
        billingMode: r.billingMode,
        customerCount: r._count.customers,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  });
}
