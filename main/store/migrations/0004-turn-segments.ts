// Step 4: each call's turn segments, who spoke when, as timing only (no words, no audio, never the
// customer's words): review draws them as bars beside the agent's words. They follow the findings'
// retention (main/store/retention.ts) and go with their call when it is deleted.
import type { Migration } from './migration.ts';

export const turnSegments: Migration = {
  version: 4,
  name: 'turn-segments',
  up(db) {
    db.exec(`
      CREATE TABLE turn_segments (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        party TEXT NOT NULL CHECK (party IN ('agent', 'customer')),
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
        recorded_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX turn_segments_by_call ON turn_segments (call_id, start_ms);
      CREATE INDEX turn_segments_by_age ON turn_segments (recorded_at_ms);
    `);
  },
};
