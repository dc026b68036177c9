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

/** What found a text finding: the phrase rule's pattern, the learned scorer alone, or both (main/scorer/fusion.ts). */
export const DetectedBy = z.enum(['pattern', 'model', 'both']);
export type DetectedBy = z.infer<typeof DetectedBy>;

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
  /** For text findings: the triggering words in the utterance (the first of `evidence`). */
  span: TextSpan.optional(),
  /**
   * For text findings: the words that carried it. A pattern's words, or for a finding of the
   * learned scorer alone the one to three stretches of words that weighed most.
   */
  evidence: z.array(TextSpan).max(3).optional(),
  /**
   * For text findings when the learned scorer is loaded: its calibrated probability (0-1) that
   * the behaviour is there. Absent when the phrase rules work alone (no model file).
   */
  confidence: z.number().min(0).max(1).optional(),
  /** For text findings: what found it (pattern, model or both). */
  detectedBy: DetectedBy.optional(),
  /** For text findings: the utterance's own time range. */
  utterance: z.object({ startMs: z.number(), endMs: z.number(), text: z.string() }).optional(),
  /** For timing findings: the stretch of the call the finding is about. */
  rangeMs: z.object({ startMs: z.number(), endMs: z.number() }).optional(),
});
export type Finding = z.infer<typeof Finding>;
