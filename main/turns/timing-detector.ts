// The contract between the turn tracker and the timing rule types (overlap, response-gap,
// monologue, talk-share in main/rules/types/). A compiled timing rule is a factory: each call gets
// a fresh detector with its own state. Detectors see every turn event, including one tick per
// frame, and return what they decided on that event.
import { behaviour } from '../contracts/behaviours.ts';
import type { Finding } from '../contracts/finding.ts';
import type { RuleHeader } from '../rules/schema.ts';
import type { TurnEvent } from './turn-events.ts';

export interface TimingDecision {
  atMs: number;
  rangeMs: { startMs: number; endMs: number };
}

export interface TimingDetector {
  onEvent(event: TurnEvent): TimingDecision[];
}

/** What a timing rule compiles to (the registry keeps it opaque; the engine knows this shape). */
export interface TimingRuleRuntime {
  header: RuleHeader;
  createDetector(): TimingDetector;
}

export function isTimingRuleRuntime(value: unknown): value is TimingRuleRuntime {
  const v = value as Partial<TimingRuleRuntime> | null;
  return typeof v === 'object' && v !== null && typeof v.createDetector === 'function' && typeof v.header === 'object';
}

export function timingFinding(header: RuleHeader, decision: TimingDecision): Finding {
  return {
    kind: behaviour(header.behaviour).helpful ? 'praise' : 'flag',
    behaviour: header.behaviour,
    ruleId: header.id,
    atMs: decision.atMs,
    tip: header.tip,
    headline: header.headline,
    say: header.say,
    severity: header.severity,
    source: 'timing',
    rangeMs: decision.rangeMs,
  };
}

/**
 * Runs one rule for one call: feeds it turn events and turns its decisions into Findings, keeping
 * the rule quiet for `cooldownMs` after each finding (the coach shows one tip at a time, and a
 * repeat within seconds teaches nothing).
 */
export class TimingRuleRunner {
  private readonly detector: TimingDetector;
  private quietUntilMs = -Infinity;

  constructor(readonly rule: TimingRuleRuntime) {
    this.detector = rule.createDetector();
  }

  onEvent(event: TurnEvent): Finding[] {
    const out: Finding[] = [];
    for (const decision of this.detector.onEvent(event)) {
      if (decision.atMs < this.quietUntilMs) continue;
      this.quietUntilMs = decision.atMs + this.rule.header.cooldownMs;
      out.push(timingFinding(this.rule.header, decision));
    }
    return out;
  }
}
