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
-- common): the caller probes with the whole pattern. '' when nothing rare is left (every trigram
-- of the term is common: it matches many customers). Any substring of the term is matched by every
-- row the term matches, so probing with it loses nothing.
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
  IF NOT v_any_common THEN
    RETURN NULL;
  END IF;
  IF v_best_len = 0 THEN
    RETURN '';
  END IF;
  RETURN substr(v_term, v_best_start, v_best_len);
END
$fn$;

-- As before (see hot_read_functions: SECURITY DEFINER so the trigram index may serve ILIKE under
-- row-level security, confined to the transaction's tenant), now probing each field with the rare
-- part of a plain contains-pattern ('%term%' without escaped characters) and checking the whole
-- pattern on every candidate. The OFFSET 0 keeps that check out of the index probe. A term whose
-- trigrams are all common in some field matches many customers: reading the index's long lists
-- for it cost 22 ms at 100k where scanning the tenant until p_limit rows match costs 1 ms (the
-- concatenations keep the index out; should such a term match few after all, the scan reads the
-- tenant once and the answer is still exact).
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
  v_probe_username text;
  v_probe_name text;
  v_probe_mobile text;
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
      v_probe_username := customer_search_probe(v_term, v_common_username);
      v_probe_name := customer_search_probe(v_term, v_common_name);
      v_probe_mobile := customer_search_probe(v_term, v_common_mobile);
      IF v_probe_username = '' OR v_probe_name = '' OR v_probe_mobile = '' THEN
        RETURN QUERY
          SELECT c.id FROM customers c
           WHERE c.tenant_id = v_tenant
             AND ((c.username || '') ILIKE p_pattern OR (c.name || '') ILIKE p_pattern OR (c.mobile || '') ILIKE p_pattern)
           LIMIT p_limit;
        RETURN;
      END IF;
      v_username := coalesce('%' || v_probe_username || '%', p_pattern);
      v_name := coalesce('%' || v_probe_name || '%', p_pattern);
      v_mobile := coalesce('%' || v_probe_mobile || '%', p_pattern);
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

-- As in hot_read_functions, but a search too broad for customer_search_ids walks the sort
-- column's index for its page instead of sorting every match, and a search too short for the index
-- scans the tenant once (not twice).
CREATE OR REPLACE FUNCTION customer_list_page(
  p_tenant uuid, p_scope text, p_operator uuid, p_path text,
  p_search text, p_status text, p_connection_type text,
  p_sort text, p_desc boolean, p_offset integer, p_limit integer, p_count_limit integer,
  p_after_value text, p_after_id uuid)
  RETURNS jsonb
  LANGUAGE plpgsql VOLATILE
  SET search_path = public, pg_temp
AS $fn$
DECLARE
  v_current uuid := app_current_tenant();
  v_where text := 'true';
  v_order text;
  v_ids uuid[];
  v_found uuid[];
  v_total integer;
  v_rows jsonb;
  v_more boolean;
  v_broad boolean := false;
  v_enable_sort text;
  -- Enough ids for the page and a count (1001: at least the app's COUNT_CAP + 1, cursor pages too).
  v_search_cap integer := greatest(p_count_limit, p_offset + p_limit + 1, 1001);
BEGIN
  IF p_tenant IS NULL THEN RAISE EXCEPTION 'customer_list_page: no tenant'; END IF;
  IF v_current IS NOT NULL AND v_current <> p_tenant THEN
    RAISE EXCEPTION 'customer_list_page: transaction is bound to another tenant';
  END IF;
  PERFORM set_config('app.tenant_id', p_tenant::text, true);

  CASE p_scope
    WHEN 'all' THEN NULL;
    WHEN 'subtree' THEN
      v_where := v_where || format(
        ' AND c.operator_id IN (SELECT o.id FROM operators o WHERE starts_with(o.path, %L))', p_path);
    WHEN 'own' THEN
      v_where := v_where || format(' AND c.operator_id = %L::uuid', p_operator);
    ELSE RAISE EXCEPTION 'customer_list_page: unknown scope %', p_scope;
  END CASE;

  IF p_search IS NOT NULL AND p_search <> '' THEN
    IF char_length(p_search) >= 5 THEN -- '%' + at least three characters + '%'
      v_found := ARRAY(SELECT customer_search_ids(p_search, v_search_cap));
    ELSE
      -- Too short for a trigram: one scan of what the caller may see finds the matches (stopping
      -- at the cap), instead of one scan to count and another for the page.
      EXECUTE format('SELECT ARRAY(SELECT c.id FROM customers c WHERE %1$s AND (c.username ILIKE %2$L OR c.name ILIKE %2$L OR c.mobile ILIKE %2$L) LIMIT %3$s)',
                     v_where, p_search, v_search_cap)
        INTO v_found;
    END IF;
    IF cardinality(v_found) < v_search_cap THEN
      -- Passed as a parameter ($1 of the EXECUTEs below), not spelled out in the query text.
      v_where := v_where || ' AND c.id = ANY($1)';
    ELSE
      v_where := v_where || format(' AND (c.username ILIKE %1$L OR c.name ILIKE %1$L OR c.mobile ILIKE %1$L)', p_search);
      v_broad := true;
    END IF;
  END IF;
  IF p_status IS NOT NULL THEN
    v_where := v_where || format(' AND c.status = %L::"CustomerStatus"', p_status);
  END IF;
  IF p_connection_type IS NOT NULL THEN
    v_where := v_where || format(' AND c.connection_type = %L::"ConnectionType"', p_connection_type);
  END IF;

  v_order := CASE p_sort
    WHEN 'username' THEN 'c.username'
    WHEN 'name' THEN 'c.name'
    WHEN 'status' THEN 'c.status'
    WHEN 'createdAt' THEN 'c.created_at'
    WHEN 'expiresAt' THEN 'c.expires_at'
  END;
  IF v_order IS NULL THEN RAISE EXCEPTION 'customer_list_page: unknown sort %', p_sort; END IF;
  -- Keyset: the rows after (sort value, id) of the previous page's last row, however deep.
  IF p_after_id IS NOT NULL THEN
    IF p_sort = 'expiresAt' THEN RAISE EXCEPTION 'customer_list_page: no cursor on a nullable sort'; END IF;
    -- Written as a range on the sort column (an index bound) plus the tie-break, not a bare OR.
    v_where := v_where || format(' AND %1$s %2$s= %3$L::%4$s AND (%1$s %2$s %3$L::%4$s OR c.id > %5$L::uuid)',
      v_order, CASE WHEN p_desc THEN '<' ELSE '>' END, p_after_value,
      CASE p_sort WHEN 'createdAt' THEN 'timestamptz' WHEN 'status' THEN '"CustomerStatus"' ELSE 'text' END, p_after_id);
  END IF;
  v_order := v_order || CASE WHEN p_desc THEN ' DESC' ELSE ' ASC' END || ', c.id ASC';

  IF p_count_limit > 0 AND p_scope = 'all' AND p_status IS NULL AND p_connection_type IS NULL AND p_after_id IS NULL
     AND v_found IS NOT NULL THEN
    -- Staff, search only: the matching ids are the answer (already confined to the tenant); a
    -- search that reached the cap matches at least the count limit, nothing left to count.
    v_total := least(cardinality(v_found), p_count_limit);
  ELSIF p_count_limit > 0 AND p_scope = 'all' AND (p_search IS NULL OR p_search = '') AND p_after_id IS NULL THEN
    -- Staff, filters only: counted by the index (see customer_count_filtered).
    v_total := customer_count_filtered(p_status, p_connection_type, p_count_limit);
  ELSIF p_count_limit > 0 THEN
    EXECUTE format('SELECT count(*)::integer FROM (SELECT 1 FROM customers c WHERE %s LIMIT %s) s', v_where, p_count_limit)
      INTO v_total USING v_found;
  END IF;
  -- A search matching more than the cap: the planner takes the ILIKE
  -- for rare (it cannot know better) and would read and sort the whole tenant (117 ms at 100k);
  -- walking the sort column's index and filtering finds a page of a broad match at once.
  IF v_broad THEN
    v_enable_sort := current_setting('enable_sort');
    PERFORM set_config('enable_sort', 'off', true);
  END IF;
  EXECUTE format('SELECT ARRAY(SELECT c.id FROM customers c WHERE %s ORDER BY %s OFFSET %s LIMIT %s)',
                 v_where, v_order, p_offset, p_limit + 1)
    INTO v_ids USING v_found;
  IF v_broad THEN
    PERFORM set_config('enable_sort', v_enable_sort, true);
  END IF;
  v_more := cardinality(v_ids) > p_limit;
  IF v_more THEN v_ids := v_ids[1:p_limit]; END IF;
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'id', c.id, 'username', c.username, 'name', c.name, 'mobile', c.mobile, 'status', c.status,
           'ownerName', o.name, 'packageName', k.name, 'connectionType', c.connection_type,
           'expiresAt', to_char(c.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'createdAt', to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         ) ORDER BY u.ord), '[]'::jsonb)
    INTO v_rows
    FROM unnest(v_ids) WITH ORDINALITY AS u(id, ord)
    JOIN customers c ON c.id = u.id
    LEFT JOIN operators o ON o.id = c.operator_id
    LEFT JOIN packages k ON k.id = c.package_id;
  RETURN jsonb_build_object('total', v_total, 'more', v_more, 'rows', v_rows);
END
$fn$;
