// Step 3: practice rounds (`klachtcoach practice`). They live in their own table, not in `calls`,
// so no real-call query (lists, trends, rule stats, review, team sync) can ever count them.
// The score card is kept whole as JSON: it is read back as one thing (earlier attempts, export).
import type { Migration } from './migration.ts';

export const practiceRounds: Migration = {
  version: 3,
  name: 'practice-rounds',
  up(db) {
    db.exec(`
      CREATE TABLE practice_rounds (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        scenario_id TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        ended_at_ms INTEGER NOT NULL,
        examen INTEGER NOT NULL CHECK (examen IN (0, 1)),
        goals_shown INTEGER NOT NULL,
        goals_total INTEGER NOT NULL,
        card_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX practice_rounds_by_agent ON practice_rounds (agent_id, scenario_id, started_at_ms DESC);
    `);
  },
};
