// The one output type of the engine. The rule engine, the timing detectors, the coach, the
// session bus (overlay and tablet), the store and the CLI all speak it. Units are in the names:
// times in milliseconds since the start of the call, spans in UTF-16 characters of the utterance
// text as it was given to the engine (not the normalised form).
//
// Two times, one contract, on every finding:
//  - `atMs` is when the engine decided: the end of the utterance for words, the frame that settled
//    it for timing (an interruption is known once the customer has given way, a monologue once it
//    has lasted 40 s);
//  - `rangeMs` is the stretch of the call the finding is about: the utterance for words, the double
//    talk, the silence or the window of speech for timing. Review draws it; `atMs` orders the tips.
// The engine reports every occurrence. Whether the agent saw it live is the coach's decision
// (main/coach/), recorded beside the finding (`shown` in the store and in `analyze --json`).
import { z } from 'zod';
import { BehaviourId } from './behaviours.ts';

export const FindingKind = z.enum(['flag', 'praise']);
export type FindingKind = z.infer<typeof FindingKind>;

export const Severity = z.enum(['info', 'low', 'medium', 'high']);
export type Severity = z.infer<typeof Severity>;

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3 };

export const TextSpan = z.object({
  startChar: z.number().int().nonnegative(),
  endChar: z.number().int().nonnegative(),
  text: z.string(),
});
export type TextSpan = z.infer<typeof TextSpan>;

/** What found a text finding: a phrase rule's pattern, the learned scorer alone, or both (main/scorer/fusion.ts). */
export const FindingOrigin = z.enum(['pattern', 'model', 'both']);
export type FindingOrigin = z.infer<typeof FindingOrigin>;

export const Finding = z.object({
  kind: FindingKind,
  behaviour: BehaviourId,
  ruleId: z.string().min(1),
  /** When the engine decided, ms since the start of the call. */
  atMs: z.number().nonnegative(),
  /** The stretch of the call the finding is about (text: its utterance; timing: the stretch it judged). */
  rangeMs: z.object({ startMs: z.number(), endMs: z.number() }),
  /** Short Dutch tip: for a flag the helpful alternative, for praise what went well. */
  tip: z.string().min(1),
  severity: Severity,
  /** What revealed it: the agent's words or who spoke when. */
  source: z.enum(['text', 'timing']),
  /** For text findings: the triggering words in the utterance. */
  span: TextSpan.optional(),
  /** For text findings: the utterance's own time range. */
  utterance: z.object({ startMs: z.number(), endMs: z.number(), text: z.string() }).optional(),
  /**
   * For text findings: how sure the engine is, a calibrated probability (0–1) that the behaviour
   * is really there. The coach shows a finding live only at or above its live threshold.
   */
  confidence: z.number().min(0).max(1).optional(),
  /**
   * For text findings: the words that carried the decision (the pattern's span, or for a finding
   * of the scorer alone the one to three stretches of words it weighed most).
   */
  evidence: z.array(TextSpan).optional(),
  /**
   * For text findings: what found it: 'pattern' (a rule's hit that the model confirmed only
   * weakly), 'model' (the scorer alone) or 'both' (either alone would have).
   */
  origin: FindingOrigin.optional(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * The finding with the agent's words blanked (the span, the utterance and the evidence keep their
 * positions, lose their text): what may remain once the snippet retention has passed, or what
 * leaves the desktop when the policy shares no words.
 */
export function findingWithoutWords(finding: Finding): Finding {
  const out: Finding = { ...finding };
  if (out.span) out.span = { ...out.span, text: '' };
  if (out.utterance) out.utterance = { ...out.utterance, text: '' };
  if (out.evidence) out.evidence = out.evidence.map((e) => ({ ...e, text: '' }));
  return out;
}
