// The shapes the review API returns: the call list, one call's timeline and the weekly trends.
// The desktop's review server (main/review, answered from the SQLite store), the team server
// (main/team, answered from PostgreSQL) and the review page (renderer/review) all use these,
// so the page cannot drift from either server.
import type { BehaviourId } from './behaviours.ts';
import type { FindingKind, Severity } from './finding.ts';
import type { TurnSegment } from './turn-segments.ts';

export interface CallSummary {
  id: string;
  agentId: string;
  startedAtMs: number;
  endedAtMs: number | null;
  agentTalkShare: number | null;
  flags: number;
  praise: number;
  /** Findings of this call that a supervisor has marked right or wrong. */
  marked: number;
}

export interface CallPage {
  total: number;
  offset: number;
  calls: CallSummary[];
}

export interface StoredUtterance {
  id: number;
  startMs: number;
  endMs: number;
  /** null once the snippet retention has removed the words. */
  text: string | null;
}

export type Verdict = 'right' | 'wrong';

export interface Mark {
  verdict: Verdict;
  comment: string;
  supervisor: string;
  markedAtMs: number;
}

/** Opaque to the page, which only echoes it when marking: the desktop store numbers its rows,
 *  the team server keys findings by the ids the desktops made. */
export type FindingId = number | string;

export interface ReviewFinding<Id extends FindingId = FindingId> {
  id: Id;
  kind: FindingKind;
  behaviour: BehaviourId;
  ruleId: string;
  atMs: number;
  tip: string;
  severity: Severity;
  source: 'text' | 'timing';
  span: { startChar: number; endChar: number; text: string | null } | null;
  rangeMs: { startMs: number; endMs: number } | null;
  shown: boolean;
  acknowledged: boolean;
  mark: Mark | null;
  /** Ids of the utterances shown around this finding, in time order. */
  contextUtteranceIds: number[];
}

export interface CallDetail<Id extends FindingId = FindingId> {
  call: CallSummary;
  utterances: StoredUtterance[];
  findings: ReviewFinding<Id>[];
  /** Who spoke when (timing only, both parties), in time order; empty where none was kept. */
  turns: TurnSegment[];
}

export interface TrendSeries {
  behaviour: BehaviourId;
  kind: FindingKind;
  /** One count per entry of `weeks`. */
  counts: number[];
  /** Of those, how many a supervisor marked wrong. */
  markedWrong: number[];
}

export interface Trends {
  /** Monday of each week, as YYYY-MM-DD, oldest first. */
  weeks: string[];
  callsPerWeek: number[];
  series: TrendSeries[];
}
