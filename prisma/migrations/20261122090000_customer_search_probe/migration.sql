-- Customer search probes the trigram index with the rare part of the term.
--
-- A trigram GIN scan costs what its posting lists hold, and a trigram shared by most customers
-- ("use", "ser", "er0" when every username starts with "user0") has a list as long as the table:
-- at 100k customers '%user0421%' read three 100,000-entry lists (1 ms) where '%0421%' read two of
-- 1,300 (0.02 ms) and found the same rows. customer_search_trigrams keeps, per tenant and field,
-- the trigrams that common (customers.search-stats counts them); customer_search_ids() probes each
-- field with the longest run of the term that avoids them and checks every candidate against the
-- whole pattern, so the answer is exactly the ILIKE's, only found faster.

-- CreateTable
CREATE TABLE "customer_search_trigrams" (
    "tenant_id" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "trigram" TEXT NOT NULL,
    "customers" INTEGER NOT NULL,
    "computed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_search_trigrams_pkey" PRIMARY KEY ("tenant_id","field","trigram")
);

-- AddForeignKey
ALTER TABLE "customer_search_trigrams" ADD CONSTRAINT "customer_search_trigrams_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "customer_search_trigrams" ADD CONSTRAINT "customer_search_trigrams_field_check" CHECK ("field" IN ('username', 'name', 'mobile'));

ALTER TABLE "customer_search_trigrams" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "customer_search_trigrams" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_search_trigrams" USING ("tenant_id" = app_current_tenant()) WITH CHECK ("tenant_id" = app_current_tenant());

-- The substring of p_term to probe the index with, given the field's common trigrams: the longest
-- run of letters and digits whose every trigram is rare (the last of equals: sequence numbers and
-- distinguishing parts tend to come last). NULL when nothing is gained (no trigram of the term is
-- common) or nothing rare is left: the caller then probes with the whole pattern. Any substring of
-- the term is matched by every row the term matches, so probing with it loses nothing.
CREATE FUNCTION customer_search_probe(p_term text, p_common text[])
  RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $fn$
DECLARE
  v_term text := lower(p_term);
  v_len integer := char_length(lower(p_term));
  v_run integer;
  v_best_start integer;
  v_best_len integer := 0;
  v_any_common boolean := false;
  v_tri text;
BEGIN
  IF p_term IS NULL OR p_common IS NULL OR cardinality(p_common) = 0 OR v_len < 3 THEN
    RETURN NULL;
  END IF;
  FOR i IN 1 .. v_len - 2 LOOP
    v_tri := substr(v_term, i, 3);
    IF v_tri = ANY (p_common) THEN
      v_any_common := true;
      v_run := NULL;
    ELSIF v_tri ~ '^[[:alnum:]]{3}$' THEN
      v_run := coalesce(v_run, i);
      IF i - v_run + 3 >= v_best_len THEN
        v_best_start := v_run;
        v_best_len := i - v_run + 3;
      END IF;
    ELSE
      v_run := NULL;
    END IF;
  END LOOP;
  IF NOT v_any_common OR v_best_len = 0 THEN
    RETURN NULL;
  END IF;
  RETURN substr(v_term, v_best_start, v_best_len);
END
$fn$;

-- As before (see hot_read_functions: SECURITY DEFINER so the trigram index may serve ILIKE under
-- row-level security, confined to the transaction's tenant), now probing each field with the rare
-- part of a plain contains-pattern ('%term%' without escaped characters) and checking the whole
-- pattern on every candidate. The OFFSET 0 keeps that check out of the index probe.
CREATE OR REPLACE FUNCTION customer_search_ids(p_pattern text, p_limit integer)
  RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET plan_cache_mode = force_generic_plan
AS $fn$
DECLARE
  v_tenant uuid := app_current_tenant();
  v_term text;
  v_username text := p_pattern;
  v_name text := p_pattern;
  v_mobile text := p_pattern;
  v_common_username text[];
  v_common_name text[];
  v_common_mobile text[];
BEGIN
  IF v_tenant IS NULL OR p_pattern IS NULL OR p_limit IS NULL OR p_limit < 1 THEN
    RETURN;
  END IF;
  IF char_length(p_pattern) >= 6 AND starts_with(p_pattern, '%') AND right(p_pattern, 1) = '%' THEN
    v_term := substr(p_pattern, 2, char_length(p_pattern) - 2);
    IF strpos(v_term, E'\\') = 0 AND strpos(v_term, '%') = 0 AND strpos(v_term, '_') = 0 THEN
      SELECT array_agg(t.trigram) FILTER (WHERE t.field = 'username'),
             array_agg(t.trigram) FILTER (WHERE t.field = 'name'),
             array_agg(t.trigram) FILTER (WHERE t.field = 'mobile')
        INTO v_common_username, v_common_name, v_common_mobile
        FROM customer_search_trigrams t
       WHERE t.tenant_id = v_tenant;
      v_username := coalesce('%' || customer_search_probe(v_term, v_common_username) || '%', p_pattern);
      v_name := coalesce('%' || customer_search_probe(v_term, v_common_name) || '%', p_pattern);
      v_mobile := coalesce('%' || customer_search_probe(v_term, v_common_mobile) || '%', p_pattern);
    END IF;
  END IF;
  RETURN QUERY
    SELECT s.id
      FROM (SELECT c.id, c.username, c.name, c.mobile
              FROM customers c
             WHERE c.tenant_id = v_tenant
               AND (c.username ILIKE v_username OR c.name ILIKE v_name OR c.mobile ILIKE v_mobile)
            OFFSET 0) s
     WHERE s.username ILIKE p_pattern OR s.name ILIKE p_pattern OR s.mobile ILIKE p_pattern
     LIMIT p_limit;
END
$fn$;
