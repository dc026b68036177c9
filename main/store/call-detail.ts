// One call for the review timeline: its utterances, its turn segments (who spoke when), and each
// finding with its mark and the agent's words around it (the utterances within a window around
// the finding).
import type { BehaviourId } from '../contracts/behaviours.ts';
import type { FindingKind, Severity } from '../contracts/finding.ts';
import type { CallStore } from './open-store.ts';
import { CALL_SUMMARY_COLUMNS } from './call-list.ts';
import type {
  CallDetail as CallDetailOf, CallSummary, ReviewFinding as ReviewFindingOf, StoredUtterance,
} from '../contracts/review-api.ts';

/** How far before and after a finding the review shows the agent's words, in ms. */
export const CONTEXT_BEFORE_MS = 10_000;
export const CONTEXT_AFTER_MS = 5_000;

export type { Mark, StoredUtterance } from '../contracts/review-api.ts';
/** The store numbers its findings. */
export type ReviewFinding = ReviewFindingOf<number>;
export type CallDetail = CallDetailOf<number>;

interface FindingRow {
  id: number;
  kind: FindingKind;
  behaviour: BehaviourId;
  ruleId: string;
  atMs: number;
  tip: string;
  severity: Severity;
  source: 'text' | 'timing';
  spanStart: number | null;
  spanEnd: number | null;
  spanText: string | null;
  rangeStart: number | null;
  rangeEnd: number | null;
  shown: number;
  acknowledged: number;
  verdict: 'right' | 'wrong' | null;
  comment: string | null;
  supervisor: string | null;
  markedAtMs: number | null;
}

export function getCallDetail(store: CallStore, callId: string): CallDetail | null {
  const call = store.db
    .prepare(
      `SELECT ${CALL_SUMMARY_COLUMNS} FROM calls c WHERE c.id = ?`,
    )
    .get(callId) as CallSummary | undefined;
  if (!call) return null;
  const utterances = store.db
    .prepare('SELECT id, start_ms AS startMs, end_ms AS endMs, text FROM utterances WHERE call_id = ? ORDER BY start_ms, id')
    .all(callId) as StoredUtterance[];
  const rows = store.db
    .prepare(
      `SELECT f.id, f.kind, f.behaviour, f.rule_id AS ruleId, f.at_ms AS atMs, f.tip, f.severity, f.source,
         f.span_start_char AS spanStart, f.span_end_char AS spanEnd, f.span_text AS spanText,
         f.range_start_ms AS rangeStart, f.range_end_ms AS rangeEnd, f.shown, f.acknowledged,
         m.verdict, m.comment, m.supervisor, m.marked_at_ms AS markedAtMs
       FROM findings f LEFT JOIN marks m ON m.finding_id = f.id
       WHERE f.call_id = ? ORDER BY f.at_ms, f.id`,
    )
    .all(callId) as FindingRow[];
  const turns = store.db
    .prepare('SELECT party, start_ms AS startMs, end_ms AS endMs FROM turn_segments WHERE call_id = ? ORDER BY start_ms, id')
    .all(callId) as CallDetail['turns'];
  return { call, utterances, findings: rows.map((row) => toReviewFinding(row, utterances)), turns };
}

function toReviewFinding(row: FindingRow, utterances: StoredUtterance[]): ReviewFinding {
  const from = (row.rangeStart ?? row.atMs) - CONTEXT_BEFORE_MS;
  const to = (row.rangeEnd ?? row.atMs) + CONTEXT_AFTER_MS;
  return {
    id: row.id,
    kind: row.kind,
    behaviour: row.behaviour,
    ruleId: row.ruleId,
    atMs: row.atMs,
    tip: row.tip,
    severity: row.severity,
    source: row.source,
    span: row.spanStart !== null && row.spanEnd !== null ? { startChar: row.spanStart, endChar: row.spanEnd, text: row.spanText } : null,
    rangeMs: row.rangeStart !== null && row.rangeEnd !== null ? { startMs: row.rangeStart, endMs: row.rangeEnd } : null,
    shown: row.shown === 1,
    acknowledged: row.acknowledged === 1,
    mark:
      row.verdict !== null
        ? { verdict: row.verdict, comment: row.comment ?? '', supervisor: row.supervisor ?? '', markedAtMs: row.markedAtMs ?? 0 }
        : null,
    contextUtteranceIds: utterances.filter((u) => u.endMs >= from && u.startMs <= to).map((u) => u.id),
  };
}
