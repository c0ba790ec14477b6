// SQL pieces the invoice and payment lists share: the actor's customer visibility (the same rule
// as customerVisibility), the reseller filter (a reseller and its sub-resellers' customers), a
// local-day range in the tenant's zone, and the capped count of lib/lists.
import type { OperatorActor } from "@/lib/audit/actor";
import { Prisma } from "@/lib/db";
import { customerScope } from "@/lib/customers/customer-visibility";
import { likeContains } from "@/lib/lists/list-query";
import { startOfLocalDay } from "../calc/cycle";

/** `c` is the customers row, `o` its owner operator (LEFT JOIN: the ISP's own customers have none). */
export function visibleCustomersSql(actor: OperatorActor): Prisma.Sql {
  const scope = customerScope(actor);
  if (scope.scope === "all") return Prisma.sql`TRUE`;
  if (scope.scope === "subtree") return Prisma.sql`starts_with(o.path, ${scope.path})`;
  return Prisma.sql`c.operator_id = ${scope.operatorId}::uuid`;
}

export function resellerSql(resellerId: string | undefined): Prisma.Sql {
  if (!resellerId) return Prisma.sql`TRUE`;
  return Prisma.sql`starts_with(o.path, (SELECT r.path FROM operators r WHERE r.id = ${resellerId}::uuid AND r.role IN ('RESELLER', 'SUB_RESELLER')))`;
}

/** The day after a YYYY-MM-DD day (calendar arithmetic, no zone). */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** `column` within [start of `from`, start of the day after `to`) in the tenant's zone. */
export function localRangeSql(column: Prisma.Sql, range: { from?: string; to?: string }, timeZone: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (range.from) parts.push(Prisma.sql`${column} >= ${startOfLocalDay(range.from, timeZone)}`);
  if (range.to) parts.push(Prisma.sql`${column} < ${startOfLocalDay(nextDay(range.to), timeZone)}`);
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

export function searchSql(q: string, columns: Prisma.Sql[]): Prisma.Sql {
  if (!q) return Prisma.sql`TRUE`;
  const like = likeContains(q);
  return Prisma.sql`(${Prisma.join(columns.map((c) => Prisma.sql`${c} ILIKE ${like}`), " OR ")})`;
}

export function eqSql(column: Prisma.Sql, value: string | undefined, cast = ""): Prisma.Sql {
  if (!value) return Prisma.sql`TRUE`;
  return cast ? Prisma.sql`${column} = ${value}::${Prisma.raw(cast)}` : Prisma.sql`${column} = ${value}`;
}

/** Rows an export may hold: a bigger list is narrowed by its filters first. */
export const EXPORT_MAX_ROWS = 100_000;
export const EXPORT_BATCH = 2_000;

/** A file name piece from the tenant's legal name: letters and digits, dashes between. */
export function fileNamePart(name: string): string {
  const part = name.normalize("NFKD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return part || "isp";
}
