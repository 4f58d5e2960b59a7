-- Worker liveness by notification: every heartbeat (a worker's upsert, or any other writer) tells
-- each web instance's LISTEN connection which region beat and when, on a channel of its own, so
-- the public page knows liveness without querying and without emptying its caches (the
-- vigil_status channel still carries only the insert or removal of a worker's row). The payload is
-- tiny: {"region": ..., "at": epoch milliseconds}. A worker going silent is noticed by the page's
-- own clock (lib/status/current-status.ts).
-- (The migration runner splits scripts on every semicolon: the body spells them \073.)
CREATE FUNCTION vigil_notify_heartbeat() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(''vigil_heartbeat'', json_build_object(''region'', NEW.region, ''at'', floor(extract(epoch FROM NEW."lastSeenAt") * 1000)::bigint)::text)\073 RETURN NULL\073 END';

CREATE TRIGGER vigil_heartbeat AFTER INSERT OR UPDATE OF "lastSeenAt" ON "WorkerHeartbeat"
  FOR EACH ROW EXECUTE FUNCTION vigil_notify_heartbeat();
