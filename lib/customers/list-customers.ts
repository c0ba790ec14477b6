import { appPool, isUuid } from "@/lib/db";
import type { OperatorActor } from "@/lib/audit/actor";
import { assertCan } from "@/lib/auth/permissions";
import { COUNT_CAP, cappedTotal, countLimit, likeContains, type ListQuery, type ListResult } from "@/lib/lists/list-query";
import { customerScope } from "./customer-visibility";

export const CUSTOMER_LIST_SPEC = {
  sortable: ["username", "name", "status", "createdAt", "expiresAt"] as const,
  defaultSort: "createdAt",
  defaultDir: "desc" as const,
  filters: { status: ["ACTIVE", "SUSPENDED", "EXPIRED", "DISABLED", "PAUSED"], connectionType: ["PPPOE", "HOTSPOT", "STATIC"] },
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
  const cursor = query.after && query.sort !== "expiresAt" ? decodeCursor(query.after, query.sort) : null;
  // Deep pages (and cursor pages) are not counted: counting past them would cost more than the page.
  const deep = cursor !== null || query.skip + query.take >= cap;
  const limit = deep ? 0 : countLimit(query, cap);
  const { rows } = await appPool().query<{ page: { total: number | null; more: boolean; rows: CustomerRow[] } }>(
    "SELECT customer_list_page($1::uuid, $2, $3::uuid, $4, $5, $6, $7, $8, $9, $10::integer, $11::integer, $12::integer, $13, $14::uuid) AS page",
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
      cursor ? 0 : query.skip,
      query.take,
      limit,
      cursor?.value ?? null,
      cursor?.id ?? null,
    ],
  );
  const page = rows[0]!.page;
  const last = page.rows.at(-1);
  const nextCursor = page.more && last && query.sort !== "expiresAt" ? encodeCursor(String(last[query.sort as keyof CustomerRow]), last.id) : null;
  if (page.total === null) {
    return { rows: page.rows, total: (cursor ? 0 : query.skip) + page.rows.length, totalIsLowerBound: page.more, nextCursor };
  }
  return { rows: page.rows, ...cappedTotal(page.total, limit), nextCursor };
}

/** The keyset cursor: the last row's sort value and id, base64url JSON (opaque to clients). */
function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

/** A cursor that is not ours, or not for this sort, is ignored (first page) rather than an error. */
function decodeCursor(cursor: string, sort: string): { value: string; id: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[0] !== "string" || parsed[0].length > 300 || !isUuid(parsed[1])) return null;
  const value = parsed[0];
  if (sort === "createdAt" && Number.isNaN(Date.parse(value))) return null;
  if (sort === "status" && !CUSTOMER_LIST_SPEC.filters.status.includes(value)) return null;
  return { value, id: parsed[1] };
}
