-- The public page reads components' rollups only: monitors' rollups feed those and retention. Their
-- trigger (20261129120000_status_change_notify) ran once per row — 20,000 monitors × 4 buckets every
-- five minutes — and each of the rollup's statements emptied every web instance's cached views.
-- (No semicolon in these comments: the migration runner splits scripts on them.)
DROP TRIGGER vigil_status_change ON "MonitorRollup";
