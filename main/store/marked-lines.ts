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

/** One mark on a text finding, with the words it was about (null: not stored, or erased). */
export interface MarkOnWords {
  /** The same for every mark on the same words (an utterance): they become one line. */
  key: string;
  text: string | null;
  behaviour: BehaviourId;
  verdict: 'right' | 'wrong';
}

/**
 * Marks as labelled lines, one per `key`: each marked behaviour is judged, and a positive when
 * a mark said "Terecht". Also used by the team server's export (main/team/routes/admin.ts).
 */
export function linesFromMarks(marks: Iterable<MarkOnWords>, idOf: (key: string) => string): MarkedLines {
  const byKey = new Map<string, MarkedLine>();
  let withoutWords = 0;
  for (const m of marks) {
    if (m.text === null) {
      withoutWords++;
      continue;
    }
    let line = byKey.get(m.key);
    if (!line) {
      line = { id: idOf(m.key), text: m.text, labels: [], judged: [] };
      byKey.set(m.key, line);
    }
    if (!line.judged.includes(m.behaviour)) line.judged.push(m.behaviour);
    if (m.verdict === 'right' && !line.labels.includes(m.behaviour)) line.labels.push(m.behaviour);
  }
  return { lines: [...byKey.values()], withoutWords };
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
  return linesFromMarks(
    rows.map((r) => ({ key: String(r.utteranceId), text: r.utteranceId === null ? null : r.text, behaviour: r.behaviour, verdict: r.verdict })),
    (key) => `mark-u${key}`,
  );
}
