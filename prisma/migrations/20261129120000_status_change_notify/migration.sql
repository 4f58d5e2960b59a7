-- Every writer (worker, admin console, CLI, psql) announces changes the public page shows, so each
-- web instance's LISTEN connection invalidates its cached views (lib/live/change-feed.ts) without
-- any writer having to remember to notify. The payload is only the table's name (tiny); Postgres
-- folds identical notifications of one transaction into one, and listeners coalesce bursts.
CREATE OR REPLACE FUNCTION vigil_notify_status_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vigil_status', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;

-- Statement-level: one notification per statement, however many rows it touched.
DO $$
DECLARE
  tbl text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['Page', 'ComponentGroup', 'Component', 'Incident', 'IncidentUpdate', 'IncidentComponent',
                             'ComponentRollup', 'MonitorRollup']
  LOOP
    EXECUTE format('CREATE TRIGGER vigil_status_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change()', tbl);
  END LOOP;
END;
$$;

-- Monitors are written on every check (memory, lastCheckedAt): only what the page shows notifies.
CREATE TRIGGER vigil_status_change_rows AFTER INSERT OR DELETE ON "Monitor"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
CREATE TRIGGER vigil_status_change AFTER UPDATE ON "Monitor"
  FOR EACH ROW
  WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.enabled IS DISTINCT FROM NEW.enabled
        OR OLD.name IS DISTINCT FROM NEW.name OR OLD."componentId" IS DISTINCT FROM NEW."componentId")
  EXECUTE FUNCTION vigil_notify_status_change();

-- Heartbeats beat every few seconds: only a new (or removed) worker notifies; a worker going
-- silent is noticed by the page's own clock (lib/status/view-cache.ts).
CREATE TRIGGER vigil_status_change AFTER INSERT OR DELETE ON "WorkerHeartbeat"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_notify_status_change();
