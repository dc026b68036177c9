// Scores the rule engine on labelled utterances: each utterance is judged on its own (a fresh
// call context), its predicted behaviours compared with its labels. Only the agent's words are
// used; a labelled set's `context` (what the customer said) is for human readers.
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';
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
  missed: BehaviourId[];
  extra: { behaviour: BehaviourId; ruleId: string; words: string }[];
}

export interface EvalReport {
  field: EvalField;
  utterances: number;
  micro: Score;
  behaviours: Partial<Record<BehaviourId, Score>>;
  misses: Miss[];
}

function score(tp: number, fp: number, fn: number): Score {
  // No predictions and nothing to find counts as perfect; no predictions but something to find as 0.
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

export function evaluate(engine: RuleEngine, lines: readonly LabelledLine[], field: EvalField): EvalReport {
  const counts = new Map<BehaviourId, { tp: number; fp: number; fn: number }>();
  const bump = (b: BehaviourId, key: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(b) ?? { tp: 0, fp: 0, fn: 0 };
    c[key]++;
    counts.set(b, c);
  };
  const misses: Miss[] = [];
  lines.forEach((line, i) => {
    const input = inputFor(line, field);
    const findings = engine.analyzeUtterance({ startMs: 0, endMs: 0, text: input });
    const predicted = new Set(findings.map((f) => f.behaviour));
    const gold = new Set(line.labels);
    for (const b of gold) bump(b, predicted.has(b) ? 'tp' : 'fn');
    const extra = findings.filter((f) => !gold.has(f.behaviour));
    for (const f of extra) bump(f.behaviour, 'fp');
    const missed = [...gold].filter((b) => !predicted.has(b));
    if (missed.length > 0 || extra.length > 0) {
      misses.push({
        id: line.id ?? `#${i + 1}`, input, missed,
        extra: extra.map((f) => ({ behaviour: f.behaviour, ruleId: f.ruleId, words: f.span?.text ?? '' })),
      });
    }
  });
  let tp = 0, fp = 0, fn = 0;
  const behaviours: Partial<Record<BehaviourId, Score>> = {};
  for (const [b, c] of [...counts].sort(([a], [z2]) => a.localeCompare(z2))) {
    behaviours[b] = score(c.tp, c.fp, c.fn);
    tp += c.tp; fp += c.fp; fn += c.fn;
  }
  return { field, utterances: lines.length, micro: score(tp, fp, fn), behaviours, misses };
}
