// The first schema: calls, the agent's utterance snippets (text only: no audio is ever stored),
// findings with the tip that was shown and whether the agent acknowledged it, supervisor marks,
// supervisor accounts, an audit log of supervisor actions, and store settings (retention).
// Times: `*_at_ms` columns are wall-clock epoch milliseconds; `start_ms`/`end_ms`/`at_ms` inside
// a call are milliseconds since the call started, like the Finding contract.
import type { Migration } from './migration.ts';

export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        started_at_ms INTEGER NOT NULL,
        ended_at_ms INTEGER,
        agent_talk_share REAL CHECK (agent_talk_share IS NULL OR (agent_talk_share >= 0 AND agent_talk_share <= 1))
      ) STRICT;
      CREATE INDEX calls_by_start ON calls (started_at_ms DESC);
      CREATE INDEX calls_by_agent ON calls (agent_id, started_at_ms DESC);

      CREATE TABLE utterances (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        -- NULL once the snippet retention has passed: the timing stays, the words go.
        text TEXT,
        recorded_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX utterances_by_call ON utterances (call_id, start_ms);
      CREATE INDEX utterances_by_age ON utterances (recorded_at_ms) WHERE text IS NOT NULL;

      CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('flag', 'praise')),
        behaviour TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        tip TEXT NOT NULL,
        severity TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('text', 'timing')),
        span_start_char INTEGER,
        span_end_char INTEGER,
        -- The triggering words: a transcript snippet, so it follows the snippet retention.
        span_text TEXT,
        range_start_ms INTEGER,
        range_end_ms INTEGER,
        shown INTEGER NOT NULL DEFAULT 1 CHECK (shown IN (0, 1)),
        acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
        recorded_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX findings_by_call ON findings (call_id, at_ms);
      CREATE INDEX findings_by_behaviour ON findings (behaviour, call_id);
      CREATE INDEX findings_by_rule ON findings (rule_id);
      CREATE INDEX findings_by_age ON findings (recorded_at_ms);

      CREATE TABLE marks (
        finding_id INTEGER PRIMARY KEY REFERENCES findings (id) ON DELETE CASCADE,
        verdict TEXT NOT NULL CHECK (verdict IN ('right', 'wrong')),
        comment TEXT NOT NULL DEFAULT '',
        supervisor TEXT NOT NULL,
        marked_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE supervisors (
        username TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
