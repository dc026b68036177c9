// The learned scorer at run time: a linear model per behaviour over the hashed features of one
// utterance (main/scorer/features.ts), calibrated to a probability. Scoring all behaviours at
// once costs one pass over the utterance's features: each feature's bucket points at a row of
// weights, one per behaviour, that is added to the scores.
import { readFileSync } from 'node:fs';
import type { BehaviourId } from '../contracts/behaviours.ts';
import type { TextSpan } from '../contracts/finding.ts';
import type { Tokens } from '../rules/normalise.ts';
import { WordMemo } from '../rules/word-memo.ts';
import { BucketIndex } from './bucket-index.ts';
import { emitContextFeatures, emitWordFeatures, type FeatureConfig, type RuleSignals } from './features.ts';
import { decodeBuckets, ModelFile, MODEL_FORMAT, MODEL_VERSION, type BehaviourModel } from './model-file.ts';

/** At most this many evidence spans per finding. */
const MAX_EVIDENCE = 3;
/** A word is part of the evidence when it carries at least this share of the strongest word's weight. */
const EVIDENCE_SHARE = 0.35;


export class ModelFileError extends Error {}

/** Rows an utterance used, with the token range each came from (see Scorer.used). */
interface UsedRows {
  rows: Int32Array;
  from: Int32Array;
  to: Int32Array;
  count: number;
}

function doubled(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export class Scorer {
  readonly behaviours: readonly BehaviourModel[];
  readonly features: FeatureConfig;
  readonly corpusHash: string;
  private readonly index = new Map<BehaviourId, number>();
  /** Bucket -> row of `weights`, or -1 for a bucket the model has no weights for. */
  private readonly rows: BucketIndex;
  /**
   * The model's 8-bit weights as stored, times `scale` per behaviour: kept as bytes, not widened
   * to floats, they take a quarter of the memory (12 MB less on the shipped model), at the same
   * speed.
   */
  private readonly weights: Int8Array;
  private readonly scale: Float64Array;
  private readonly bias: Float64Array;
  /** Per row, the utterance that last used it: a feature counts once per utterance. */
  private readonly seen: Int32Array;
  /**
   * Per behaviour, the sum of the utterance's 8-bit weights, scaled once at the end: integer
   * adds instead of a multiply and a float add per weight.
   */
  private readonly sums: Int32Array;
  private utteranceNo = 0;
  /** The model rows of each word's own features (a call repeats its words). */
  private readonly wordRows = new WordMemo<Int32Array>(20_000, (norm) => this.rowsOfWord(norm));
  /**
   * The rows the last scored utterance used, each once, with the words it came from ([from, to),
   * -1 for the whole utterance), in the order the features were emitted: evidence for a finding
   * of that utterance reads them here instead of computing every feature again.
   */
  private used: UsedRows = { rows: new Int32Array(256), from: new Int32Array(256), to: new Int32Array(256), count: 0 };
  private usedFor: { tokens: Tokens; text: string; signals: RuleSignals } | null = null;

  constructor(readonly file: ModelFile) {
    this.behaviours = file.behaviours;
    this.features = file.features;
    this.corpusHash = file.corpusHash;
    const width = file.behaviours.length;
    file.behaviours.forEach((b, i) => this.index.set(b.id, i));
    const buckets = decodeBuckets(file.buckets, file.bucketCount);
    const bytes = Buffer.from(file.weights, 'base64');
    if (bytes.length !== buckets.length * width) {
      throw new ModelFileError(`weights: ${bytes.length} bytes, expected ${buckets.length} buckets x ${width} behaviours`);
    }
    this.rows = new BucketIndex(buckets, file.features.hashBits);
    // A copy: the decoded Buffer may be a slice of Node's shared pool.
    this.weights = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length).slice();
    this.scale = Float64Array.from(file.behaviours, (b) => b.scale);
    this.bias = Float64Array.from(file.behaviours, (b) => b.bias);
    this.seen = new Int32Array(buckets.length);
    this.sums = new Int32Array(width);
  }

  indexOf(id: BehaviourId): number | undefined {
    return this.index.get(id);
  }

  /** Raw (uncalibrated) scores of every behaviour, in `behaviours` order. */
  rawScores(tokens: Tokens, text: string, signals: RuleSignals): Float64Array {
    const sums = this.sums.fill(0);
    const stamp = this.nextStamp();
    this.used.count = 0;
    this.usedFor = { tokens, text, signals };
    // Same features, in the same order, as emitFeatures: the per-word part from the cache, then
    // the context.
    for (let t = 0; t < tokens.length; t++) {
      for (const row of this.wordRows.get(tokens[t]!.norm)) this.addRow(sums, row, stamp, t, t + 1);
    }
    emitContextFeatures(tokens, text, signals, this.features, (bucket, from, to) => {
      const row = this.rows.rowOf(bucket);
      if (row >= 0) this.addRow(sums, row, stamp, from, to);
    });
    const scores = this.bias.slice();
    for (let b = 0; b < scores.length; b++) scores[b] = scores[b]! + sums[b]! * this.scale[b]!;
    return scores;
  }

  /** Adds a row's 8-bit weights to the sums, once per utterance, and notes where it came from. */
  private addRow(sums: Int32Array, row: number, stamp: number, from: number, to: number): void {
    if (this.seen[row] === stamp) return;
    this.seen[row] = stamp;
    const width = sums.length;
    const base = row * width;
    for (let b = 0; b < width; b++) sums[b] = sums[b]! + this.weights[base + b]!;
    this.noteUsed(row, from, to);
  }

  private noteUsed(row: number, from: number, to: number): void {
    let used = this.used;
    if (used.count === used.rows.length) {
      used = this.used = { rows: doubled(used.rows), from: doubled(used.from), to: doubled(used.to), count: used.count };
    }
    used.rows[used.count] = row;
    used.from[used.count] = from;
    used.to[used.count] = to;
    used.count++;
  }

  /** The model rows of one word's own features. */
  private rowsOfWord(norm: string): Int32Array {
    const found: number[] = [];
    emitWordFeatures(norm, this.features, (bucket) => {
      const row = this.rows.rowOf(bucket);
      if (row >= 0) found.push(row);
    });
    return Int32Array.from(found);
  }

  /** Calibrated confidences of every behaviour, in `behaviours` order. */
  confidences(tokens: Tokens, text: string, signals: RuleSignals): Float64Array {
    const scores = this.rawScores(tokens, text, signals);
    this.behaviours.forEach((b, i) => {
      scores[i] = calibrate(b, scores[i]!);
    });
    return scores;
  }

  /**
   * The one to three stretches of words that pushed behaviour `b` up the most: each feature's
   * weight is shared among the words it came from; the strongest words, with their neighbours
   * that also carry weight, make the spans.
   */
  evidence(tokens: Tokens, text: string, signals: RuleSignals, b: number): TextSpan[] {
    const last = this.usedFor;
    if (last === null || last.tokens !== tokens || last.text !== text || last.signals !== signals) this.rawScores(tokens, text, signals);
    const width = this.behaviours.length;
    const perToken = new Float64Array(tokens.length);
    const { rows, from, to, count } = this.used;
    for (let i = 0; i < count; i++) {
      const f = from[i]!;
      if (f < 0) continue;
      const share = (this.weights[rows[i]! * width + b]! * this.scale[b]!) / (to[i]! - f);
      for (let t = f; t < to[i]!; t++) perToken[t]! += share;
    }
    return strongestSpans(tokens, text, perToken);
  }

  private nextStamp(): number {
    this.utteranceNo = (this.utteranceNo + 1) | 0;
    if (this.utteranceNo === 0) {
      this.seen.fill(0);
      this.utteranceNo = 1;
    }
    return this.utteranceNo;
  }
}

export function calibrate(b: Pick<BehaviourModel, 'platt'>, raw: number): number {
  return sigmoid(b.platt.a * raw + b.platt.b);
}

function strongestSpans(tokens: Tokens, text: string, perToken: Float64Array): TextSpan[] {
  let max = 0;
  for (const v of perToken) max = Math.max(max, v);
  if (max <= 0) return [];
  const strong = (t: number): boolean => perToken[t]! >= EVIDENCE_SHARE * max;
  const spans: { from: number; to: number; weight: number }[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (!strong(t)) continue;
    let end = t + 1;
    let weight = perToken[t]!;
    while (end < tokens.length && strong(end)) weight += perToken[end++]!;
    spans.push({ from: t, to: end, weight });
    t = end - 1;
  }
  return spans
    .sort((a, z) => z.weight - a.weight)
    .slice(0, MAX_EVIDENCE)
    .sort((a, z) => a.from - z.from)
    .map(({ from, to }) => {
      const startChar = tokens[from]!.startChar;
      const endChar = tokens[to - 1]!.endChar;
      return { startChar, endChar, text: text.slice(startChar, endChar) };
    });
}

/** Reads and checks a model file; every problem names the field, so the message can say what to do. */
export function readScorer(file: string): Scorer {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new ModelFileError('no such file');
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ModelFileError(`not valid JSON (${(err as Error).message})`);
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (head?.format !== MODEL_FORMAT) throw new ModelFileError(`format: expected "${MODEL_FORMAT}"`);
  if (head.version !== MODEL_VERSION) throw new ModelFileError(`version: ${String(head.version)}, this Klachtcoach reads version ${MODEL_VERSION}`);
  const parsed = ModelFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ModelFileError(`${issue.path.map(String).join('.') || '(file)'}: ${issue.message}`);
  }
  try {
    return new Scorer(parsed.data);
  } catch (err) {
    if (err instanceof ModelFileError) throw err;
    throw new ModelFileError((err as Error).message);
  }
}
