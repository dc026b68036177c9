// The labelled corpus of agent lines (rules/nl/corpus/*.jsonl) that trains the learned scorer,
// and the blind sets (test/rules/fixtures/blind-*.jsonl) that measure it. Both are checked by
// `klachtcoach rules check`: a bad line, an unknown or timing-only label, an id used twice, or
// one line (normalised) in more than one of train, dev and blind would make every figure
// measured on them wrong, so each is reported as `file:line: field: problem`.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BEHAVIOURS, BehaviourId } from '../contracts/behaviours.ts';
import { InputFileError, readJsonLines } from './jsonl-file.ts';
import { RuleProblem } from './loader.ts';
import { recogniserWords } from './recogniser-noise.ts';
import { MAX_UTTERANCE_CHARS } from './transcript.ts';

const Text = z.string().min(1).max(MAX_UTTERANCE_CHARS);

export const CorpusLine = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  /** What the agent says, typed as spoken. */
  text: Text,
  /** Recogniser twins of `text` (main/rules/recogniser-noise.ts): ~5 % and ~20 % word error. */
  asr: Text,
  asrHeavy: Text,
  labels: z.array(BehaviourId),
  /** The situation in a few words: for readers and labellers, never used by the coach. */
  context: z.string(),
  /** Which authoring brief produced the line. */
  author: z.string().min(1),
  split: z.enum(['train', 'dev']),
  /** Written as a hard negative: shares words with an unhelpful behaviour but is not it. */
  hard: z.boolean().optional(),
});
export type CorpusLine = z.infer<typeof CorpusLine>;

/** A blind set's line: the same fields, without a split (the whole file is blind). */
export const BlindLine = CorpusLine.omit({ split: true });
export type BlindLine = z.infer<typeof BlindLine>;

export type Split = CorpusLine['split'] | 'blind';

/** Text-detectable behaviours: the only labels a line of words can carry. */
export const TEXT_BEHAVIOURS: readonly BehaviourId[] = [...BEHAVIOURS.values()]
  .filter((b) => b.detect.includes('text'))
  .map((b) => b.id);

/** Two lines are the same line when their recogniser words are (case, punctuation, "eh" folded). */
export function normalisedText(text: string): string {
  return recogniserWords(text).join(' ');
}

export function corpusFiles(corpusDir: string): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(corpusDir, f));
}

export function blindFiles(fixturesDir: string): string[] {
  if (!existsSync(fixturesDir)) return [];
  return readdirSync(fixturesDir).filter((f) => /^blind-.*\.jsonl$/.test(f)).sort().map((f) => join(fixturesDir, f));
}

export interface LocatedLine<T> {
  file: string;
  line: number;
  value: T;
}

export interface CorpusRead {
  lines: LocatedLine<CorpusLine>[];
  problems: RuleProblem[];
}

function readChecked<S extends typeof CorpusLine | typeof BlindLine>(file: string, schema: S, problems: RuleProblem[]): LocatedLine<z.output<S>>[] {
  let read;
  try {
    read = readJsonLines(file, schema);
  } catch (err) {
    if (!(err instanceof InputFileError)) throw err;
    problems.push(new RuleProblem(file, 0, '', err.message.replace(`${file}: `, '')));
    return [];
  }
  for (const note of read.notes) {
    // An unknown field in a labelled set is a typo ("lables"), not a note: refuse it.
    const field = /^unknown field "(.+)"/.exec(note.message)?.[1] ?? /^([\w.]+): /.exec(note.message)?.[1] ?? '';
    problems.push(new RuleProblem(file, note.line, field, note.message.replace(/; skipped$/, '').replace(`${field}: `, '')));
  }
  const lines = read.items.map((i) => ({ file, line: i.line, value: i.value }));
  for (const { line, value } of lines) {
    const seen = new Set<string>();
    value.labels.forEach((b, k) => {
      if (!TEXT_BEHAVIOURS.includes(b)) problems.push(new RuleProblem(file, line, `labels.${k}`, `"${b}" can only be detected from timing or voice, not from one line of words`));
      if (seen.has(b)) problems.push(new RuleProblem(file, line, `labels.${k}`, `"${b}" given twice`));
      seen.add(b);
    });
  }
  return lines;
}

/** Reads every corpus file; bad lines are problems (and left out), the rest is returned. */
export function readCorpusDir(corpusDir: string): CorpusRead {
  const problems: RuleProblem[] = [];
  const lines = corpusFiles(corpusDir).flatMap((f) => readChecked(f, CorpusLine, problems));
  return { lines, problems };
}

/** The lines of one split of the corpus, e.g. the dev split that `eval corpus-dev` measures. */
export function corpusSplit(corpusDir: string, split: CorpusLine['split']): CorpusRead {
  const read = readCorpusDir(corpusDir);
  return { lines: read.lines.filter((l) => l.value.split === split), problems: read.problems };
}

/**
 * Everything `rules check` asks of the corpus and the blind sets together: each file's lines,
 * ids unique across all of them, and no line in two splits (nor twice in one).
 */
export function checkCorpus(corpusDir: string, blind: readonly string[]): { lineCount: number; problems: RuleProblem[] } {
  const { lines, problems } = readCorpusDir(corpusDir);
  const all: { at: LocatedLine<BlindLine>; split: Split }[] = lines.map((l) => ({ at: l, split: l.value.split }));
  for (const file of blind) all.push(...readChecked(file, BlindLine, problems).map((l) => ({ at: l, split: 'blind' as const })));
  const firstId = new Map<string, LocatedLine<BlindLine>>();
  const firstText = new Map<string, { at: LocatedLine<BlindLine>; split: Split }>();
  for (const entry of all) {
    const { at, split } = entry;
    const sameId = firstId.get(at.value.id);
    if (sameId) problems.push(new RuleProblem(at.file, at.line, 'id', `"${at.value.id}" is used before, at ${sameId.file}:${sameId.line}`));
    else firstId.set(at.value.id, at);
    const key = normalisedText(at.value.text);
    const same = firstText.get(key);
    if (!same) firstText.set(key, entry);
    else if (same.split !== split) problems.push(new RuleProblem(at.file, at.line, 'text', `the same line is in ${same.split} (${same.at.file}:${same.at.line}) and in ${split}: a line may be in one split only`));
    else problems.push(new RuleProblem(at.file, at.line, 'text', `a duplicate of ${same.at.file}:${same.at.line}`));
  }
  return { lineCount: all.length, problems };
}
