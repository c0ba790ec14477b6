import { appPool, isUuid } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { COUNT_CAP, cappedTotal, countLimit, likeContains, type ListQuery, type ListResult } from "@/lib/lists/list-query";
import { customerScope } from "./customer-visibility";

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

/**
 * One page of customers in one database round trip: customer_list_page() (migration
 * hot_read_functions) sets the tenant for its statement and runs under row-level security like
 * withTenant, applies the actor's visibility (customerScope), the search (served by the trigram
 * index through customer_search_ids), filters and sort, counts up to COUNT_CAP rows, and returns
 * the page as JSON. At 100k customers the Prisma version of this made ten round trips and an
 * exact count(*); see docs/benchmarks.md.
 */
export async function listCustomers(actor: OperatorActor, query: ListQuery, options: { countCap?: number } = {}): Promise<ListResult<CustomerRow>> {
  assertCan(actor, "customers:view");
  if (!isUuid(actor.tenantId)) throw new Error("listCustomers: invalid tenant id");
  const scope = customerScope(actor);
  const cap = options.countCap ?? COUNT_CAP;
  // Deep pages are not counted: counting past them would cost more than the page.
  const deep = query.skip + query.take >= cap;
  const limit = deep ? 0 : countLimit(query, cap);
  const { rows } = await appPool().query<{ page: { total: number | null; more: boolean; rows: CustomerRow[] } }>(
    "SELECT customer_list_page($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $10::integer, $11::integer, $12::integer) AS page",
    [
      actor.tenantId,
      scope.scope,
      scope.scope === "own" ? scope.operatorId : null,
      scope.scope === "subtree" ? scope.path : null,
      query.q ? likeContains(query.q) : null,
      query.filters.status ?? null,
      query.filters.connectionType ?? null,
      query.sort,
      query.dir === "desc",
      query.skip,
      query.take,
      limit,
    ],
  );
  const page = rows[0]!.page;
  if (page.total === null) {
    return { rows: page.rows, total: query.skip + page.rows.length, totalIsLowerBound: page.more };
  }
  return { rows: page.rows, ...cappedTotal(page.total, limit) };
}
