// The shapes the review API returns (main/review/review-handler.ts). The renderer may not import
// from main/store, so they are restated here; test/review/api-types.test.ts fails to compile if
// they drift from the store's own types.
import type { BehaviourId, FindingKind, Severity } from './contracts.ts';

export interface CallSummary {
  id: string;
  agentId: string;
  startedAtMs: number;
  endedAtMs: number | null;
  agentTalkShare: number | null;
  flags: number;
  praise: number;
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
  text: string | null;
}

export type Verdict = 'right' | 'wrong';

export interface Mark {
  verdict: Verdict;
  comment: string;
  supervisor: string;
  markedAtMs: number;
}

export interface ReviewFinding {
  id: number;
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
  contextUtteranceIds: number[];
}

export interface CallDetail {
  call: CallSummary;
  utterances: StoredUtterance[];
  findings: ReviewFinding[];
}

export interface TrendSeries {
  behaviour: BehaviourId;
  kind: FindingKind;
  counts: number[];
  markedWrong: number[];
}

export interface Trends {
  weeks: string[];
  callsPerWeek: number[];
  series: TrendSeries[];
}

export interface SessionInfo {
  username: string;
  csrfToken: string;
}

/** Filters as the list screen holds them: dates as YYYY-MM-DD, empty string = no filter. */
export interface ListFilters {
  from: string;
  to: string;
  agent: string;
  behaviour: string;
}
