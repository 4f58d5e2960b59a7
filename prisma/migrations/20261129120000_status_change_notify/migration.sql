-- Every writer (worker, admin console, CLI, psql) announces changes the public page shows, so each
-- web instance's LISTEN connection invalidates its cached views (lib/live/change-feed.ts) without
-- any writer having to remember to notify. The payload is only the table's name (tiny). Postgres
-- folds identical notifications of one transaction into one, and listeners coalesce bursts.
-- (No semicolon may appear inside a statement here: the migration runner splits scripts on them,
-- so the function body is an E'' string with \073 for each semicolon.)
CREATE OR REPLACE FUNCTION vigil_notify_status_change() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(''vigil_status'', TG_TABLE_NAME)\073 RETURN NULL\073 END';

-- Statement-level: one notification per statement, however many rows it touched.
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Page"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ComponentGroup"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Component"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Incident"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IncidentUpdate"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IncidentComponent"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ComponentRollup"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MonitorRollup"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();

-- Monitors are written on every check (memory, lastCheckedAt): only what the page shows notifies.
CREATE TRIGGER vigil_status_change_rows AFTER INSERT OR DELETE ON "Monitor"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER UPDATE ON "Monitor"
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.enabled IS DISTINCT FROM NEW.enabled
        OR OLD.name IS DISTINCT FROM NEW.name OR OLD."componentId" IS DISTINCT FROM NEW."componentId")
  EXECUTE FUNCTION vigil_notify_status_change();

-- Heartbeats beat every few seconds: only a new (or removed) worker notifies. A worker going
-- silent is noticed by the page's own clock (lib/status/current-status.ts).
CREATE TRIGGER vigil_status_change AFTER INSERT OR DELETE ON "WorkerHeartbeat"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
