// The lines the scorer learns from, gathered in one place:
//   - the corpus's train split (rules/nl/corpus/*.jsonl), each line with its recogniser twins
//     (`asr` ~5 % and `asrHeavy` ~20 % word error) as extra examples of the same line;
//   - every text rule's own examples: a "fire" example is a positive of the rule's behaviour, a
//     "pass" example a negative of it; neither says anything about the other behaviours;
//   - extra files (`npm run train -- --extra FILE`), e.g. supervisors' marks from
//     `klachtcoach review export-marks`, whose `judged` field limits what a line speaks for.
// Lines that also appear in a `--without` file (normalised) are left out, so a model can be
// measured on a set it never saw. The held-out and blind sets in test/rules/fixtures are never
// read here.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BehaviourId } from '../contracts/behaviours.ts';
import { normalisedText, readCorpusDir } from '../rules/corpus.ts';
import { readLabelled, type LabelledLine } from '../rules/evaluate.ts';
import { formatNote } from '../rules/jsonl-file.ts';
import type { LoadedRule } from '../rules/loader.ts';
import { NOISE_LEVELS, recogniserTwin } from '../rules/recogniser-noise.ts';
import { parseMarker, PhraseExamples } from '../rules/types/phrase.ts';

export type LineOrigin = 'corpus' | 'rules' | 'extra';

export interface TrainingLine {
  id: string;
  /** The line as typed and its recogniser twins: one example each, always in the same fold. */
  texts: readonly string[];
  labels: ReadonlySet<BehaviourId>;
  /** The behaviours the labels speak for; null: every behaviour. */
  judged: ReadonlySet<BehaviourId> | null;
  origin: LineOrigin;
  /** Who wrote it: the corpus's authoring brief, the rule, or the extra file. Cross-validation keeps a group in one fold. */
  group: string;
}

export interface Sources {
  corpusDir: string;
  rules: readonly LoadedRule[];
  extra: readonly string[];
  without: readonly string[];
}

/** The corpus next to a rule folder: rules/nl/corpus for the shipped rules. */
export function corpusDirFor(rulesDir: string): string {
  const lang = join(rulesDir, 'nl');
  return join(existsSync(lang) ? lang : rulesDir, 'corpus');
}

export class TrainingDataError extends Error {}

function readFileLines(file: string): LabelledLine[] {
  const read = readLabelled(file);
  const errors = read.notes.filter((n) => n.level === 'error');
  if (errors.length > 0) throw new TrainingDataError(errors.map((n) => formatNote(file, n)).join('\n'));
  return read.items.map((i) => i.value);
}

/** A line and its recogniser twins; twins missing from the line are made by the corpus's own noise model. */
function withTwins(text: string, id: string, asr?: string, asrHeavy?: string): string[] {
  return [...new Set([
    text,
    asr ?? recogniserTwin(text, id, NOISE_LEVELS.asr),
    asrHeavy ?? recogniserTwin(text, id, NOISE_LEVELS.asrHeavy),
  ])];
}

function fromLabelled(line: LabelledLine, id: string, origin: LineOrigin, group: string): TrainingLine {
  return {
    id, texts: withTwins(line.text, id, line.asr, line.asrHeavy), labels: new Set(line.labels),
    judged: line.judged ? new Set(line.judged) : null, origin, group,
  };
}

function ruleExampleLines(rules: readonly LoadedRule[]): TrainingLine[] {
  const out: TrainingLine[] = [];
  for (const rule of rules) {
    if (rule.built.kind !== 'text' || !rule.header.enabled) continue;
    const parsed = PhraseExamples.safeParse(rule.examples);
    if (!parsed.success) continue;
    const b = rule.header.behaviour;
    const judged = new Set([b]);
    parsed.data.fire.forEach((ex, i) => {
      // An example that needs earlier utterances (a repeat condition) is not a positive on its own.
      if (typeof ex !== 'string') return;
      const text = parseMarker(ex)?.text ?? ex;
      const id = `${rule.header.id}#fire${i}`;
      out.push({ id, texts: withTwins(text, id), labels: judged, judged, origin: 'rules', group: rule.header.id });
    });
    parsed.data.pass.forEach((ex, i) => {
      const text = typeof ex === 'string' ? ex : ex.text;
      const id = `${rule.header.id}#pass${i}`;
      out.push({ id, texts: withTwins(text, id), labels: new Set(), judged, origin: 'rules', group: rule.header.id });
    });
  }
  return out;
}

export function gatherLines(s: Sources): TrainingLine[] {
  const corpus = readCorpusDir(s.corpusDir);
  if (corpus.problems.length > 0) throw new TrainingDataError(`the corpus has problems (klachtcoach rules check lists them):\n${corpus.problems.map(String).join('\n')}`);
  const lines: TrainingLine[] = corpus.lines
    .filter((l) => l.value.split === 'train')
    .map(({ value: v }) => ({ id: v.id, texts: withTwins(v.text, v.id, v.asr, v.asrHeavy), labels: new Set(v.labels), judged: null, origin: 'corpus' as const, group: v.author }));
  lines.push(...ruleExampleLines(s.rules));
  for (const file of s.extra) readFileLines(file).forEach((l, i) => lines.push(fromLabelled(l, l.id ?? `${file}#${i + 1}`, 'extra', file)));
  if (s.without.length === 0) return lines;
  const leaveOut = new Set(s.without.flatMap((f) => readFileLines(f).map((l) => normalisedText(l.text))));
  return lines.filter((l) => !leaveOut.has(normalisedText(l.texts[0]!)));
}
