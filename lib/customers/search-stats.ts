// Which trigrams are too common to narrow a customer search, per tenant and field. A trigram GIN
// scan costs what its posting lists hold; a trigram most customers share ("use" when usernames all
// start with "user") has a list as long as the tenant. customer_search_ids() (migration
// customer_search_probe) probes the index with the rest of the term and checks the whole term on
// every candidate, so these counts only make searches faster, never different. Stale counts cost
// speed, not answers: the nightly job and large imports refresh them.
import { withTenant, type Tx } from "@/lib/db";
import { emitEvent } from "@/lib/jobs/outbox/emit-event";

/** Asks for one ISP's statistics to be recounted (the event's tenant is the ISP; no data). */
export const CUSTOMER_SEARCH_STATS_REQUESTED = "customers/search-stats.requested";
/** An import creating at least this many customers asks for a recount at once, not at night. */
export const SEARCH_STATS_AFTER_IMPORT = 500;

/** A trigram is common when at least this share of the tenant's customers has it in the field... */
export const COMMON_TRIGRAM_SHARE = 0.02;
/** ...and at least this many: below it a posting list is cheap to read whatever its share. */
export const COMMON_TRIGRAM_MIN_CUSTOMERS = 1000;
/** Above this many customers the trigrams are counted on a random sample of this size. */
export const SEARCH_STATS_SAMPLE = 200_000;

export type SearchStatsResult = { customers: number; sampled: number; commonTrigrams: number };

/** Recounts one tenant's common trigrams (username, name, mobile) and replaces the stored ones. */
export async function refreshCustomerSearchStats(tenantId: string): Promise<SearchStatsResult> {
  return withTenant(tenantId, async (tx) => {
    const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::integer AS n FROM customers WHERE tenant_id = app_current_tenant()`;
    const n = row?.n ?? 0;
    const fraction = n > SEARCH_STATS_SAMPLE ? SEARCH_STATS_SAMPLE / n : 1;
    // Counted on the sample, compared with the threshold scaled to it.
    const threshold = Math.max(COMMON_TRIGRAM_MIN_CUSTOMERS, Math.ceil(n * COMMON_TRIGRAM_SHARE)) * fraction;
    await tx.$executeRaw`DELETE FROM customer_search_trigrams WHERE tenant_id = app_current_tenant()`;
    const stored = await tx.$executeRaw`
      INSERT INTO customer_search_trigrams (tenant_id, field, trigram, customers)
      SELECT app_current_tenant(), f.field, g.trigram, round(count(*) / ${fraction}::float8)::integer
        FROM (SELECT username, name, mobile FROM customers
               WHERE tenant_id = app_current_tenant() AND (${fraction}::float8 >= 1 OR random() < ${fraction}::float8)
              OFFSET 0) c
        CROSS JOIN LATERAL (VALUES ('username', c.username), ('name', c.name), ('mobile', c.mobile)) AS f(field, value)
        CROSS JOIN LATERAL unnest(show_trgm(f.value)) AS g(trigram)
       WHERE f.value IS NOT NULL
         -- Padded trigrams (word starts and ends) are never part of a '%term%' probe.
         AND strpos(g.trigram, ' ') = 0
       GROUP BY f.field, g.trigram
      HAVING count(*) >= ${threshold}::float8`;
    return { customers: n, sampled: Math.round(n * fraction), commonTrigrams: stored };
  });
}

/** Requests a recount through the outbox, in the caller's transaction. */
export async function requestCustomerSearchStats(tx: Tx, tenantId: string): Promise<void> {
  await emitEvent(tx, { name: CUSTOMER_SEARCH_STATS_REQUESTED, tenantId, data: {} });
}
