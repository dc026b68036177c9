// Scores the rule engine on labelled utterances: each utterance is judged on its own (a fresh
// call context), its predicted behaviours compared with its labels. Only the agent's words are
// used; a labelled set's `context` (what the customer said) is for human readers.
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';
import type { FindingOrigin, TextSpan } from '../contracts/finding.ts';
import type { RuleEngine } from './engine.ts';
import { readJsonLines, type JsonLinesResult } from './jsonl-file.ts';
import { recogniserStyle } from './normalise.ts';
import { NOISE_LEVELS, recogniserTwin } from './recogniser-noise.ts';
import { MAX_UTTERANCE_CHARS } from './transcript.ts';

export const LabelledLine = z.object({
  id: z.string().optional(),
  context: z.string().optional(),
  text: z.string().max(MAX_UTTERANCE_CHARS),
  asr: z.string().max(MAX_UTTERANCE_CHARS).optional(),
  asrHeavy: z.string().max(MAX_UTTERANCE_CHARS).optional(),
  labels: z.array(BehaviourId),
  /** Corpus lines (rules/nl/corpus) carry these too; eval and training read them like any labelled line. */
  author: z.string().optional(),
  split: z.enum(['train', 'dev']).optional(),
  hard: z.boolean().optional(),
  /**
   * The behaviours the line's labels speak for, when not all: a supervisor's mark judges one
   * behaviour of a line, not the others. Absent: every behaviour (labels are the whole truth).
   */
  judged: z.array(BehaviourId).optional(),
});
export type LabelledLine = z.infer<typeof LabelledLine>;

export function readLabelled(file: string): JsonLinesResult<LabelledLine> {
  return readJsonLines(file, LabelledLine);
}

export const EVAL_FIELDS = ['text', 'asr', 'asrHeavy'] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

/**
 * The words the engine sees: the text as typed, or recogniser output. A line without the field
 * gets it derived: `asr` as recogniser style (lower case, no punctuation), `asrHeavy` from the
 * noise model at its heavy level, seeded by the line's id (or text), so reruns agree.
 */
export function inputFor(line: LabelledLine, field: EvalField): string {
  if (field === 'text') return line.text;
  if (field === 'asr') return line.asr ?? recogniserStyle(line.text);
  return line.asrHeavy ?? recogniserTwin(line.text, line.id ?? line.text, NOISE_LEVELS.asrHeavy);
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface Miss {
  id: string;
  input: string;
  /** Behaviours labelled but not found, with the scorer's confidence when a model is loaded. */
  missed: { behaviour: BehaviourId; confidence?: number }[];
  /** Findings of behaviours not labelled, with what found them and the words that carried them. */
  extra: { behaviour: BehaviourId; ruleId: string; origin?: FindingOrigin; confidence?: number; evidence: TextSpan[] }[];
}

/** Findings of one source (pattern only, model only, both): how many, and how many were right. */
export interface SourceScore {
  findings: number;
  tp: number;
  fp: number;
  precision: number;
}

/** One bin of the calibration table: pairs (line, behaviour) whose confidence falls in [from, to). */
export interface CalibrationBin {
  from: number;
  to: number;
  pairs: number;
  meanConfidence: number;
  /** Share of the pairs whose line is labelled with the behaviour: the precision of flagging at this confidence. */
  observed: number;
}

/**
 * Where the live coach's confidence bar (coach.yaml `liveConfidence`) belongs: the lowest
 * confidence, on a 0.01 grid, at which the findings at or above it are right at least `target`
 * of the time.
 */
export interface LiveThreshold {
  target: number;
  /** null when no bar reaches the target. */
  threshold: number | null;
  /** Precision and count of the findings at or above the threshold (of all findings with a confidence when null). */
  precision: number;
  shown: number;
  /** Findings with a confidence. */
  findings: number;
}

/** The precision the live coach's shown findings aim at (issue 12). */
export const LIVE_PRECISION = 0.9;

export function liveThreshold(findings: readonly { confidence: number; right: boolean }[], target = LIVE_PRECISION): LiveThreshold {
  const at = (t: number): { precision: number; shown: number } => {
    const shown = findings.filter((f) => f.confidence >= t);
    return { shown: shown.length, precision: shown.length === 0 ? 0 : shown.filter((f) => f.right).length / shown.length };
  };
  for (let step = 0; step <= 100; step++) {
    const t = step / 100;
    const s = at(t);
    if (s.shown > 0 && s.precision >= target) return { target, threshold: t, ...s, findings: findings.length };
  }
  return { target, threshold: null, ...at(0), findings: findings.length };
}

export interface EvalReport {
  field: EvalField;
  utterances: number;
  /** The model file in use, or null when the rules worked alone. */
  model: string | null;
  /** 'model': each behaviour's own thresholds from the model file; a number: one --threshold for all. */
  thresholds: 'model' | number;
  micro: Score;
  behaviours: Partial<Record<BehaviourId, Score>>;
  sources: Record<FindingOrigin, SourceScore>;
  /** 10 bins over every (line, behaviour) pair the model scores; empty without a model. */
  calibration: CalibrationBin[];
  /** The live bar these lines give; null without a model (no finding has a confidence). */
  live: LiveThreshold | null;
  misses: Miss[];
}

function score(tp: number, fp: number, fn: number): Score {
  // No predictions and nothing to find counts as perfect; no predictions but something to find as 0.
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

const BINS = 10;

function calibrationTable(pairs: readonly { p: number; positive: boolean }[]): CalibrationBin[] {
  return Array.from({ length: BINS }, (_, i) => {
    const from = i / BINS;
    const to = (i + 1) / BINS;
    const inBin = pairs.filter((x) => x.p >= from && (x.p < to || (i === BINS - 1 && x.p <= 1)));
    const mean = (f: (x: { p: number; positive: boolean }) => number): number => (inBin.length === 0 ? 0 : inBin.reduce((a, x) => a + f(x), 0) / inBin.length);
    return { from, to, pairs: inBin.length, meanConfidence: mean((x) => x.p), observed: mean((x) => (x.positive ? 1 : 0)) };
  });
}

export interface EvalOptions {
  /** One fusion threshold for every behaviour instead of the model's own (eval --threshold). */
  threshold?: number;
}

export function evaluate(engine: RuleEngine, lines: readonly LabelledLine[], field: EvalField, opts: EvalOptions = {}): EvalReport {
  const counts = new Map<BehaviourId, { tp: number; fp: number; fn: number }>();
  const bump = (b: BehaviourId, key: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(b) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    counts.set(b, c);
  };
  const sources: Record<FindingOrigin, SourceScore> = {
    pattern: { findings: 0, tp: 0, fp: 0, precision: 0 },
    model: { findings: 0, tp: 0, fp: 0, precision: 0 },
    both: { findings: 0, tp: 0, fp: 0, precision: 0 },
  };
  const pairs: { p: number; positive: boolean }[] = [];
  const scored: { confidence: number; right: boolean }[] = [];
  const override = opts.threshold === undefined ? undefined : { tPattern: opts.threshold, tModel: opts.threshold };
  const misses: Miss[] = [];
  lines.forEach((line, i) => {
    const input = inputFor(line, field);
    const { findings, confidences } = engine.judgeUtterance({ startMs: 0, endMs: 0, text: input }, undefined, override);
    const predicted = new Set(findings.map((f) => f.behaviour));
    const gold = new Set(line.labels);
    for (const b of gold) bump(b, predicted.has(b) ? 'tp' : 'fn');
    for (const f of findings) {
      const right = gold.has(f.behaviour);
      if (!right) bump(f.behaviour, 'fp');
      if (f.confidence !== undefined) scored.push({ confidence: f.confidence, right });
      if (f.origin) {
        const s = sources[f.origin];
        s.findings++;
        s[right ? 'tp' : 'fp']++;
      }
    }
    for (const [b, p] of confidences) pairs.push({ p, positive: gold.has(b) });
    const extra = findings.filter((f) => !gold.has(f.behaviour));
    const missed = [...gold].filter((b) => !predicted.has(b));
    if (missed.length > 0 || extra.length > 0) {
      misses.push({
        id: line.id ?? `#${i + 1}`, input,
        missed: missed.map((b) => (confidences.has(b) ? { behaviour: b, confidence: confidences.get(b)! } : { behaviour: b })),
        extra: extra.map((f) => ({
          behaviour: f.behaviour, ruleId: f.ruleId, origin: f.origin, confidence: f.confidence, evidence: f.evidence ?? [],
        })),
      });
    }
  });
  for (const s of Object.values(sources)) s.precision = s.findings === 0 ? 0 : s.tp / s.findings;
  let tp = 0, fp = 0, fn = 0;
  const behaviours: Partial<Record<BehaviourId, Score>> = {};
  for (const [b, c] of [...counts].sort(([a], [z2]) => a.localeCompare(z2))) {
    behaviours[b] = score(c.tp, c.fp, c.fn);
    tp += c.tp; fp += c.fp; fn += c.fn;
  }
  return {
    field, utterances: lines.length,
    model: engine.scorerStatus.state === 'loaded' ? engine.scorerStatus.file : null,
    thresholds: opts.threshold ?? 'model',
    micro: score(tp, fp, fn), behaviours, sources,
    calibration: pairs.length === 0 ? [] : calibrationTable(pairs),
    live: scored.length === 0 ? null : liveThreshold(scored),
    misses,
  };
}
