// The invoice and payment lists' URL -> query: the shared list parameters (lib/lists) plus what
// only money lists have: a local date range (the tenant's days) and filters by id (package,
// reseller, collector), which cannot be listed in a ListQuerySpec ahead of time.
import { isUuid } from "@/lib/db";
import { parseListQuery, type ListQuery, type ListQuerySpec, type SearchParamsRecord } from "@/lib/lists/list-query";

export type BillingListQuery = ListQuery & {
  /** First and last local day (YYYY-MM-DD, inclusive) in the tenant's zone. */
  from?: string;
  to?: string;
  /** Ids by filter key (package, reseller, collector); only well-formed UUIDs survive. */
  ids: Record<string, string | undefined>;
};

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A real calendar day or nothing (2027-02-30 is nothing, not 2 March). */
export function parseLocalDay(value: string | undefined): string | undefined {
  if (!value || !DAY.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return d.toISOString().slice(0, 10) === value ? value : undefined;
}

export function parseBillingListQuery(searchParams: SearchParamsRecord, spec: ListQuerySpec, idFilters: readonly string[]): BillingListQuery {
  const base = parseListQuery(searchParams, spec);
  const ids: Record<string, string | undefined> = {};
  for (const key of idFilters) {
    const value = first(searchParams[key]);
    ids[key] = value && isUuid(value) ? value : undefined;
  }
  let from = parseLocalDay(first(searchParams.from));
  let to = parseLocalDay(first(searchParams.to));
  // A range typed backwards is still the range the operator meant.
  if (from && to && from > to) [from, to] = [to, from];
  return { ...base, ids, ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
