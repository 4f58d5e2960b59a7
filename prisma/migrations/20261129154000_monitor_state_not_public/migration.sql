-- The public surface shows component statuses, not monitor states: a monitor's state reaches the
-- page only through its component (refresh-component-statuses writes "Component", which notifies).
-- Notifying on every monitor flip made an outage across thousands of monitors a storm of cache
-- invalidations, each a fresh render of the page, exactly when visitors arrive. What a monitor
-- still shows publicly (its certificate badge, by id or name) notifies on the columns it reads.
DROP TRIGGER vigil_status_change_update ON "Monitor";
CREATE TRIGGER vigil_status_change_update AFTER UPDATE ON "Monitor"
  FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD."componentId" IS DISTINCT FROM NEW."componentId"
        OR OLD."certExpiresAt" IS DISTINCT FROM NEW."certExpiresAt")
  EXECUTE FUNCTION vigil_notify_status_change();
