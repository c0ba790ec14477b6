import type { Prisma } from "@/lib/db/generated/client";
import { withTenant } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import type { ListQuery, ListResult } from "@/lib/lists/list-query";
import { customerVisibility } from "./customer-visibility";

export const CUSTOMER_LIST_SPEC = {
  sortable: ["username", "name", "status", "createdAt", "expiresAt"] as const,
  defaultSort: "createdAt",
  defaultDir: "desc" as const,
  filters: { status: ["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED"], connectionType: ["PPPOE", "HOTSPOT", "STATIC"] },
};

export type CustomerRow = {
  id: string;
  username: string;
  name: string;
  mobile: string | null;
  status: string;
  ownerName: string | null;
  packageName: string | null;
  connectionType: string;
  expiresAt: string | null;
  createdAt: string;
};

export async function listCustomers(actor: OperatorActor, query: ListQuery): Promise<ListResult<CustomerRow>> {
  assertCan(actor, "customers:view");
  const and: Prisma.CustomerWhereInput[] = [customerVisibility(actor)];
  if (query.q) {
    and.push({
      OR: [
        { username: { contains: query.q, mode: "insensitive" } },
        { name: { contains: query.q, mode: "insensitive" } },
        { mobile: { contains: query.q } },
      ],
    });
  }
  if (query.filters.status) and.push({ status: query.filters.status as Prisma.CustomerWhereInput["status"] });
  if (query.filters.connectionType) and.push({ connectionType: query.filters.connectionType as Prisma.CustomerWhereInput["connectionType"] });
  const where = { AND: and };
  return withTenant(actor.tenantId, async (tx) => {
    const [total, rows] = await Promise.all([
      tx.customer.count({ where }),
      tx.customer.findMany({
        where,
        orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
        skip: query.skip,
        take: query.take,
        select: {
          id: true,
          username: true,
          name: true,
          mobile: true,
          status: true,
          connectionType: true,
          expiresAt: true,
          createdAt: true,
          operator: { select: { name: true } },
          package: { select: { name: true } },
        },
      }),
    ]);
    return {
      total,
      rows: rows.map((r) => ({
        id: r.id,
        username: r.username,
        name: r.name,
        mobile: r.mobile,
        status: r.status,
        ownerName: r.operator?.name ?? null,
        packageName: r.package?.name ?? null,
        connectionType: r.connectionType,
        expiresAt: r.expiresAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  });
}
