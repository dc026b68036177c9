// The desktop's outbox for the team server (main/sync/outbox.ts) and the desktop's enrolment
// with it (main/sync/team-sync.ts). Rows leave the outbox only when the team server confirmed
// them; `version` grows each time an item is queued again, so a confirmation of an older version
// never removes a newer one. The Outbox runs this SQL (IF NOT EXISTS) on whatever SQLite handle
// it is given: the call store's file in the app, a bare handle in tests and the benchmark.
// `teamOutboxMigration` is step 2 of the call store's migrations (main/store/migrations).
import type { Migration } from '../store/migrations/migration.ts';

export const TEAM_OUTBOX_SQL = `
  CREATE TABLE IF NOT EXISTS team_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    priority INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'rejected')),
    reason TEXT,
    UNIQUE (type, id)
  );
  CREATE INDEX IF NOT EXISTS team_outbox_next ON team_outbox (status, priority, seq);
  CREATE TABLE IF NOT EXISTS team_sync_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export const teamOutboxMigration: Migration = {
  version: 2,
  name: 'team-outbox',
  up(db) {
    db.exec(TEAM_OUTBOX_SQL);
  },
};
