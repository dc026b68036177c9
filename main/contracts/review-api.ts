// The shapes the review API returns: the call list, one call's timeline and the weekly trends.
// The desktop's review server (main/review, answered from the SQLite store), the team server
// (main/team, answered from PostgreSQL) and the review page (renderer/review) all use these,
// so the page cannot drift from either server.
import type { BehaviourId } from './behaviours.ts';
import type { FindingKind, Severity, TextSpan } from './finding.ts';
import type { TurnSegment } from './turn-segments.ts';

/**
 * The coach's reason for not showing a finding whose confidence was below its live threshold
 * (coach.yaml `liveConfidence`). Review calls it "lagere zekerheid" and counts it apart.
 */
export const LOW_CONFIDENCE = 'low-confidence';

/** The longest reply an agent may give to a flagged moment (Mijn momenten), in characters. */
export const MAX_AGENT_REPLY_CHARS = 1_000;

/** How a shown tip left the screen: "Begrepen", "Niet nu", its time ran out, another took its place. */
export type TipOutcome = 'acknowledged' | 'dismissed' | 'expired' | 'replaced';

export interface CallSummary {
  id: string;
  agentId: string;
  startedAtMs: number;
  endedAtMs: number | null;
  agentTalkShare: number | null;
  /** Flags and praise the coach was sure enough of (lower-certainty findings not counted). */
  flags: number;
  praise: number;
  /** Findings held back for lower certainty; absent from a server that does not keep it. */
  lowConfidence?: number;
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
  // The fields below come from desktops that keep them (the call store keeps them since its step 4); a server without them leaves them out.
  /** The tip card's words: what to do, and the sentence to say. */
  headline?: string | null;
  say?: string | null;
  /** How sure the engine was (0–1), and what found it. */
  confidence?: number | null;
  origin?: 'pattern' | 'model' | 'both' | null;
  /** The words that carried a text finding, in the utterance whose range is `rangeMs`; null once the snippet retention removed them. */
  evidence?: TextSpan[] | null;
  /** Why the coach did not show it (LOW_CONFIDENCE: lower certainty); null when shown. */
  heldReason?: string | null;
  /** How a shown tip left the screen; null when not shown or not known. */
  tipOutcome?: TipOutcome | null;
  /** The agent's reply to this moment (from Mijn momenten). */
  reply?: { text: string; atMs: number } | null;
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
