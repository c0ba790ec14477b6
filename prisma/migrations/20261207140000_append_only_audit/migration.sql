-- Append-only tables: rows are inserted and read, never changed or removed, by every application
-- role. The audit log is the first; the ledger will be the next (call make_append_only() on it).
--
-- Two walls, because one is not enough:
--   1. privileges: no UPDATE, DELETE or TRUNCATE for isp_app, isp_system or PUBLIC. The first
--      migration revoked UPDATE and DELETE from isp_app only, but isp_app is a member of
--      isp_system (withSystem() switches to it) and so inherited both from it.
--   2. a trigger, forbid_mutation(), that refuses UPDATE, DELETE and TRUNCATE whatever the
--      privileges say, so a later mistaken GRANT (or ALTER DEFAULT PRIVILEGES, which grants
--      UPDATE and DELETE on every new table) cannot reopen the table. It also stops cascades:
--      deleting a tenant deletes its audit rows through the foreign key, so that is refused too.
--
-- The one deliberate way through: the table's owner (the migrator, DATABASE_URL) logged in as
-- itself, in a transaction that opts in with
--   SELECT set_config('isp.allow_append_only_mutation', 'on', true);
-- e.g. a migration that must rewrite history, or erasing a whole tenant on request (see
-- docs/database.md). The setting alone lets nobody else through: it checks session_user, which
-- SET ROLE cannot change and the app roles cannot SET SESSION AUTHORIZATION to.

CREATE OR REPLACE FUNCTION forbid_mutation() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
  AS $fn$
BEGIN
  IF session_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = TG_RELID)
     AND current_setting('isp.allow_append_only_mutation', true) = 'on' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW; -- NULL for TRUNCATE, which is a statement-level trigger: ignored there
  END IF;
  RAISE EXCEPTION '% on %: the table is append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Rows are only inserted. See docs/database.md, "Append-only tables".';
END
$fn$;
REVOKE ALL ON FUNCTION forbid_mutation() FROM PUBLIC;

-- The pattern, in one call per table: privileges revoked, both triggers in place. Idempotent.
CREATE OR REPLACE FUNCTION make_append_only(tbl regclass) RETURNS void
  LANGUAGE plpgsql
  SET search_path = pg_catalog, public
  AS $fn$
BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON TABLE %s FROM PUBLIC, isp_app, isp_system', tbl);
  -- DROP + CREATE rather than CREATE OR REPLACE TRIGGER, which needs PostgreSQL 14.
  EXECUTE format('DROP TRIGGER IF EXISTS append_only_rows ON %s', tbl);
  EXECUTE format('CREATE TRIGGER append_only_rows BEFORE UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION forbid_mutation()', tbl);
  EXECUTE format('DROP TRIGGER IF EXISTS append_only_truncate ON %s', tbl);
  EXECUTE format('CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION forbid_mutation()', tbl);
END
$fn$;
REVOKE ALL ON FUNCTION make_append_only(regclass) FROM PUBLIC;

SELECT make_append_only('audit_logs');
