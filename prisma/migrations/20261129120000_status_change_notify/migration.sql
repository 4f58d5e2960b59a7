-- Every writer (worker, admin console, CLI, psql) announces changes the public page shows, so each
-- web instance's LISTEN connection invalidates its cached views (lib/live/change-feed.ts) without
-- any writer having to remember to notify. The payload is only the table's name (tiny). Postgres
-- folds identical notifications of one transaction into one, and listeners coalesce bursts.
-- (No semicolon may appear inside a statement here: the migration runner splits scripts on them,
-- so the function body is an E'' string with \073 for each semicolon.)
CREATE OR REPLACE FUNCTION vigil_notify_status_change() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(''vigil_status'', TG_TABLE_NAME)\073 RETURN NULL\073 END';

-- Row-level on purpose: statement-level triggers also fire for statements that change nothing
-- (a guarded UPDATE of a clock job that matched no row, an INSERT ... ON CONFLICT DO NOTHING, the
-- heartbeat's INSERT ... ON CONFLICT DO UPDATE), which would empty every cache each minute.
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "Page"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "ComponentGroup"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "Component"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "Incident"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "IncidentUpdate"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "IncidentComponent"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "ComponentRollup"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE ON "MonitorRollup"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change_truncate AFTER TRUNCATE ON "Incident"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();

-- Monitors are written on every check (memory, lastCheckedAt): only what the page shows notifies.
CREATE TRIGGER vigil_status_change AFTER INSERT OR DELETE ON "Monitor"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change_update AFTER UPDATE ON "Monitor"
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.enabled IS DISTINCT FROM NEW.enabled
        OR OLD.name IS DISTINCT FROM NEW.name OR OLD."componentId" IS DISTINCT FROM NEW."componentId")
  EXECUTE FUNCTION vigil_notify_status_change();

-- Heartbeats beat every few seconds: only a new (or removed) worker notifies (a heartbeat is an
-- INSERT ... ON CONFLICT DO UPDATE: row-level AFTER INSERT fires only for a row really inserted).
-- A worker going silent is noticed by the page's own clock (lib/status/current-status.ts).
CREATE TRIGGER vigil_status_change AFTER INSERT OR DELETE ON "WorkerHeartbeat"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_status_change();
