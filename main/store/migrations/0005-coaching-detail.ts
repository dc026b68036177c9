// Step 5: what the coaching screens need to tell one story about each finding (issue 14).
// - `headline` and `say`: the tip card's words, so the summary, Mijn momenten and review say
//   what the agent was told live.
// - `confidence`, `origin` and `evidence_json` (the words that carried a text finding, JSON
//   [{startChar, endChar, text}]): review highlights them. Evidence is transcript, so it follows
//   the snippet retention like span_text.
// - `held_reason`: why the coach did not show a finding (the cue policy's drop reason, e.g.
//   'low-confidence', shown in review as "lagere zekerheid"); NULL when it was shown.
// - `tip_outcome`: how a shown tip left the screen: "Begrepen" (acknowledged), "Niet nu"
//   (dismissed), its time ran out (expired) or another took its place (replaced). Before this step
//   only `acknowledged` was kept, so older rows get 'acknowledged' or stay NULL (not known).
// - `agent_reply` and `agent_reply_at_ms`: the agent's answer to a flag from Mijn momenten, shown
//   to the supervisor in review. The agent's own words about their call, kept as long as the finding.
import type { Migration } from './migration.ts';

export const coachingDetail: Migration = {
  version: 5,
  name: 'coaching-detail',
  up(db) {
    db.exec(`
      ALTER TABLE findings ADD COLUMN headline TEXT;
      ALTER TABLE findings ADD COLUMN say TEXT;
      ALTER TABLE findings ADD COLUMN confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1));
      ALTER TABLE findings ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin IN ('pattern', 'model', 'both'));
      ALTER TABLE findings ADD COLUMN evidence_json TEXT;
      ALTER TABLE findings ADD COLUMN held_reason TEXT;
      ALTER TABLE findings ADD COLUMN tip_outcome TEXT
        CHECK (tip_outcome IS NULL OR tip_outcome IN ('acknowledged', 'dismissed', 'expired', 'replaced'));
      ALTER TABLE findings ADD COLUMN agent_reply TEXT;
      ALTER TABLE findings ADD COLUMN agent_reply_at_ms INTEGER;
      UPDATE findings SET tip_outcome = 'acknowledged' WHERE acknowledged = 1;
      CREATE INDEX findings_with_evidence_by_age ON findings (recorded_at_ms) WHERE evidence_json IS NOT NULL;
    `);
  },
};
