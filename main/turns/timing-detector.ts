// The contract between the call timeline and the timing rule types (overlap, response-gap,
// monologue, talk-share, pace, dead-air in main/rules/types/). A compiled timing rule is a
// factory: each call gets a fresh detector with its own state. Detectors see every turn event,
// including one tick per frame, and every agent utterance with its words (for the types that
// weigh words and timing together), and return what they decided on that event.
//
// Detection reports every occurrence; a detector never keeps quiet to pace the agent (that is
// the coach's job, main/coach/). A detector that watches a lasting state (talk share, pace)
// reports each stretch in that state once, when it begins.
import type { Finding } from '../contracts/finding.ts';
import { findingKind, type RuleHeader } from '../rules/schema.ts';
import type { TurnEvent } from './turn-events.ts';

/** A word with its time in the call, where the recogniser gives word timestamps. */
export interface TimedWord {
  text: string;
  startMs: number;
  endMs: number;
}

/** An agent utterance as it reaches the timing rules: released when the call reaches its end. */
export interface UtteranceEvent {
  type: 'utterance';
  startMs: number;
  endMs: number;
  text: string;
  /** Word timestamps, when the recogniser gave them; a transcript track has none. */
  words?: readonly TimedWord[];
  atMs: number;
}

export type TimingEvent = TurnEvent | UtteranceEvent;

export interface TimingDecision {
  atMs: number;
  rangeMs: { startMs: number; endMs: number };
}

export interface TimingDetector {
  onEvent(event: TimingEvent): TimingDecision[];
}

/** What a timing rule compiles to (built by defineTimingType in main/rules/types/rule-type.ts). */
export interface TimingRuleRuntime {
  header: RuleHeader;
  /** The type judges the customer's speech, so it cannot run on a mono (agent only) call. */
  needsCustomer: boolean;
  createDetector(): TimingDetector;
}

export function isTimingRuleRuntime(value: unknown): value is TimingRuleRuntime {
  const v = value as Partial<TimingRuleRuntime> | null;
  return typeof v === 'object' && v !== null && typeof v.createDetector === 'function' && typeof v.header === 'object'
    && typeof v.needsCustomer === 'boolean';
}

export function timingFinding(header: RuleHeader, decision: TimingDecision): Finding {
  return {
    kind: findingKind(header),
    behaviour: header.behaviour,
    ruleId: header.id,
    atMs: decision.atMs,
    tip: header.tip,
    severity: header.severity,
    source: 'timing',
    rangeMs: decision.rangeMs,
  };
}

/** Runs one rule for one call: feeds it events and turns every decision into a Finding. */
export class TimingRuleRunner {
  private readonly detector: TimingDetector;

  constructor(readonly rule: TimingRuleRuntime) {
    this.detector = rule.createDetector();
  }

  onEvent(event: TimingEvent): Finding[] {
    return this.detector.onEvent(event).map((decision) => timingFinding(this.rule.header, decision));
  }
}
