/**
 * Parses a list page's URL search params into a validated, typed query.
 * Pure: no React/Next imports, never throws; anything invalid falls back to a default.
 */

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const PAGE_SIZE_OPTIONS = [10, 25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZE_OPTIONS)[number];

export const DEFAULT_PAGE_SIZE: PageSize = 25;
export const MAX_PAGE = 100_000;
export const MAX_SEARCH_LENGTH = 100;

/** URL parameter names; filter values use their filter key as the parameter name. */
export const LIST_PARAMS = {
  q: "q",
  sort: "sort",
  dir: "dir",
  page: "page",
  pageSize: "pageSize",
  after: "after",
} as const;

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface ListQuerySpec {
  /** Sort keys the server accepts (e.g. column ids mapped to DB fields). */
  readonly sortable: readonly string[];
  readonly defaultSort: string;
  readonly defaultDir?: SortDirection;
  /** Allowed values per filter key; other values are ignored. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

export interface ListQuery {
  q: string;
  sort: string;
  dir: SortDirection;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** One entry per spec filter key; undefined when absent or not allowed. */
  filters: Record<string, string | undefined>;
  /** Rows to skip (for `skip`/`OFFSET`). */
  skip: number;
  /** Rows to take (for `take`/`LIMIT`). */
  take: number;
  /** Keyset cursor from a previous page's `nextCursor` (lists that support it); opaque. */
  after?: string;
}

/**
 * `total` is exact unless `totalIsLowerBound`: big lists count at most COUNT_CAP rows past the
 * current page (an exact count(*) over 100k rows costs more than the page itself), and the table
 * shows "1,000+".
 */
export type ListResult<T> = { rows: T[]; total: number; totalIsLowerBound?: boolean; nextCursor?: string | null };

/** How far a capped count reads. */
export const COUNT_CAP = 1_000;

/** The `take` for a capped count: enough to cover the current page, and one more to know "more". */
export function countLimit(query: Pick<ListQuery, "skip" | "take">, cap: number = COUNT_CAP): number {
  return Math.max(cap, query.skip + query.take) + 1;
}

/** Turns the result of a count limited by countLimit() into the list's total. */
export function cappedTotal(counted: number, limit: number): { total: number; totalIsLowerBound: boolean } {
  return counted >= limit ? { total: limit - 1, totalIsLowerBound: true } : { total: counted, totalIsLowerBound: false };
}

/** Escapes LIKE/ILIKE wildcards so user input matches literally (backslash is the default escape). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function parseListQuery(searchParams: SearchParamsRecord, spec: ListQuerySpec): ListQuery {
  const q = parseSearch(first(searchParams[LIST_PARAMS.q]));
  const sortParam = first(searchParams[LIST_PARAMS.sort]);
  const sort = sortParam !== undefined && spec.sortable.includes(sortParam) ? sortParam : spec.defaultSort;
  const dir = parseDirection(first(searchParams[LIST_PARAMS.dir])) ?? spec.defaultDir ?? "asc";
  const page = parsePage(first(searchParams[LIST_PARAMS.page]));
  const pageSize = parsePageSize(first(searchParams[LIST_PARAMS.pageSize]));

  const filters: Record<string, string | undefined> = {};
  for (const [key, allowed] of Object.entries(spec.filters ?? {})) {
    const value = first(searchParams[key]);
    filters[key] = value !== undefined && allowed.includes(value) ? value : undefined;
  }

  const afterParam = first(searchParams[LIST_PARAMS.after]);
  const after = afterParam && afterParam.length <= 400 && /^[A-Za-z0-9_-]+$/.test(afterParam) ? afterParam : undefined;
  return { q, sort, dir, page, pageSize, filters, skip: (page - 1) * pageSize, take: pageSize, ...(after ? { after } : {}) };
}

/** Number of pages for a result set (0 when there are no rows). */
export function getPageCount(total: number, pageSize: number): number {
  if (!Number.isFinite(total) || total <= 0 || pageSize <= 0) return 0;
  return Math.ceil(total / pageSize);
}

// Repeated params (?q=a&q=b) arrive as arrays; only the first is honoured.
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseSearch(value: string | undefined): string {
  // PostgreSQL text cannot hold NUL (it was a 500): a search containing one is no search.
  if (!value || value.includes("\u0000")) return "";
  // Cap by code points so a surrogate pair is never split.
  return Array.from(value.trim()).slice(0, MAX_SEARCH_LENGTH).join("").trim();
}

function parseDirection(value: string | undefined): SortDirection | undefined {
  return SORT_DIRECTIONS.find((dir) => dir === value);
}

function parsePage(value: string | undefined): number {
  const trimmed = value?.trim();
  if (!trimmed || !/^\d+$/.test(trimmed)) return 1;
  return Math.min(Math.max(Number(trimmed), 1), MAX_PAGE);
}

function parsePageSize(value: string | undefined): PageSize {
  const trimmed = value?.trim();
  if (!trimmed || !/^\d+$/.test(trimmed)) return DEFAULT_PAGE_SIZE;
  const size = Number(trimmed);
  return PAGE_SIZE_OPTIONS.find((option) => option === size) ?? DEFAULT_PAGE_SIZE;
}
