// Supervisors' verdicts as labelled lines for the learned scorer (`klachtcoach review
// export-marks`, then `npm run train -- --extra FILE`). A text finding marked "Terecht" (right)
// makes its utterance a positive of the finding's behaviour; "Onterecht" (wrong) a negative. A
// verdict speaks for that one behaviour only, so each line lists what it judged (`judged`), and
// training leaves the other behaviours of the line alone. Several marked findings on one
// utterance become one line. Utterances whose words retention has already erased are skipped.
import type { BehaviourId } from '../contracts/behaviours.ts';
import type { CallStore } from './open-store.ts';

export interface MarkedLine {
  id: string;
  text: string;
  labels: BehaviourId[];
  judged: BehaviourId[];
}

export interface MarkedLines {
  lines: MarkedLine[];
  /** Marked text findings whose utterance text is gone (retention) or was never stored. */
  withoutWords: number;
}

interface Row {
  utteranceId: number | null;
  text: string | null;
  behaviour: BehaviourId;
  verdict: 'right' | 'wrong';
}

export function markedLines(store: CallStore): MarkedLines {
  // A text finding is decided when its utterance ends (at_ms), and its words are in it: the
  // finding's utterance is the latest one ending by at_ms that holds the finding's words.
  const rows = store.db
    .prepare(
      `SELECT u.id AS utteranceId, u.text, f.behaviour, m.verdict
       FROM findings f JOIN marks m ON m.finding_id = f.id
       LEFT JOIN utterances u ON u.id = (
         SELECT c.id FROM utterances c
         WHERE c.call_id = f.call_id AND c.end_ms <= f.at_ms AND c.text IS NOT NULL
           AND (f.span_text IS NULL OR instr(c.text, f.span_text) > 0)
         ORDER BY c.end_ms DESC, c.id DESC LIMIT 1)
       WHERE f.source = 'text'
       ORDER BY u.id, f.id`,
    )
    .all() as Row[];
  const byUtterance = new Map<number, MarkedLine>();
  let withoutWords = 0;
  for (const r of rows) {
    if (r.utteranceId === null || r.text === null) {
      withoutWords++;
      continue;
    }
    let line = byUtterance.get(r.utteranceId);
    if (!line) {
      line = { id: `mark-u${r.utteranceId}`, text: r.text, labels: [], judged: [] };
      byUtterance.set(r.utteranceId, line);
    }
    if (!line.judged.includes(r.behaviour)) line.judged.push(r.behaviour);
    if (r.verdict === 'right' && !line.labels.includes(r.behaviour)) line.labels.push(r.behaviour);
  }
  return { lines: [...byUtterance.values()], withoutWords };
}
