-- The audit log is append-only: the database itself refuses to change or remove its rows, so no
-- code path (or SQL typed in a hurry) can rewrite history.
-- The offline migration runner splits a script at every semicolon, even inside quotes, so the
-- function body spells its one semicolon as the escape \073 in an E'' string.
CREATE FUNCTION vigil_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN RAISE EXCEPTION ''AuditLog is append-only: % is not allowed'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION vigil_audit_log_append_only();

CREATE TRIGGER "AuditLog_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_log_append_only();
