// The one output type of the engine. The rule engine, the timing detectors, the coach, the
// session bus (overlay and tablet), the store and the CLI all speak it. Units are in the names:
// times in milliseconds since the start of the call, spans in UTF-16 characters of the utterance
// text as it was given to the engine (not the normalised form).
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

export const Finding = z.object({
  kind: FindingKind,
  behaviour: BehaviourId,
  ruleId: z.string().min(1),
  /** When the finding was decided, ms since the start of the call. */
  atMs: z.number().nonnegative(),
  /** Short Dutch tip: for a flag the helpful alternative, for praise what went well. */
  tip: z.string().min(1),
  severity: Severity,
  /** What revealed it: the agent's words or who spoke when. */
  source: z.enum(['text', 'timing']),
  /** For text findings: the triggering words in the utterance. */
  span: TextSpan.optional(),
  /** For text findings: the utterance's own time range. */
  utterance: z.object({ startMs: z.number(), endMs: z.number(), text: z.string() }).optional(),
  /** For timing findings: the stretch of the call the finding is about. */
  rangeMs: z.object({ startMs: z.number(), endMs: z.number() }).optional(),
  /**
   * For text findings: how sure the engine is, a calibrated probability (0–1) that the behaviour
   * is really there. The coach shows a finding live only at or above its live threshold.
   */
  confidence: z.number().min(0).max(1).optional(),
  /** For text findings: the words that carried the decision (the pattern's span, or the words the scorer weighed most). */
  evidence: z.array(TextSpan).optional(),
  /** For text findings: what found it: a phrase rule, the learned scorer, or both. */
  origin: z.enum(['pattern', 'model', 'both']).optional(),
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
