// Supervisors' verdicts on the team server as labelled lines for the learned scorer: the same
// lines `klachtcoach review export-marks` writes on a desktop (main/store/marked-lines.ts), for
// `npm run train -- --extra FILE`. Within the sharing policy: a line is the agent's words the
// server holds for a marked text finding (its snippet), so nothing comes out when the
// organisation does not share snippets now, nor words past the snippet or finding retention.
// Lines carry no agent, call or finding id: an opaque id (a hash of the call and the words)
// only keeps the marks on one utterance together.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { BehaviourId } from '../contracts/behaviours.ts';
import { linesFromMarks, type MarkedLines } from '../store/marked-lines.ts';
import { FINDING_IN_TIME_SQL, SNIPPET_IN_TIME_SQL } from './retention.ts';

export interface MarksExport extends MarkedLines {
  /** Marks read (every mark on a text finding of the organisation, in retention). */
  marks: number;
  /** The agents whose words went out (for the audit log, not for the lines). */
  agentIds: string[];
}

interface Row {
  call_id: string;
  agent_id: string;
  snippet: string | null;
  behaviour: BehaviourId;
  verdict: 'right' | 'wrong';
}

export async function exportMarks(db: pg.Pool, orgId: string): Promise<MarksExport> {
  const { rows } = await db.query<Row>(
    `SELECT f.call_id, f.agent_id, f.behaviour, m.verdict,
            CASE WHEN o.share_snippets AND ${SNIPPET_IN_TIME_SQL} AND f.snippet <> '' THEN f.snippet END AS snippet
       FROM marks m JOIN findings f ON f.id = m.finding_id
       JOIN agents a ON a.id = f.agent_id JOIN organisations o ON o.id = a.org_id
      WHERE a.org_id = $1 AND f.source = 'text' AND ${FINDING_IN_TIME_SQL}
      ORDER BY f.call_id, f.at_ms, f.id, m.marked_at, m.id`,
    [orgId],
  );
  const keyOf = (r: Row): string => `${r.call_id}\n${r.snippet ?? ''}`;
  const lines = linesFromMarks(
    rows.map((r) => ({ key: keyOf(r), text: r.snippet, behaviour: r.behaviour, verdict: r.verdict })),
    (key) => `team-mark-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`,
  );
  const agentIds = [...new Set(rows.filter((r) => r.snippet !== null).map((r) => r.agent_id))].sort();
  return { ...lines, marks: rows.length, agentIds };
}
