// Training the scorer, start to end: gather the lines (main/scorer/dataset.ts), turn every text
// and twin into features through the same rule engine and feature code the live coach uses,
// keep the features seen on at least `minLines` lines, train a model per cross-validation fold
// (for out-of-fold scores) and one on everything (side by side on `workers` threads), fit the
// calibration and choose the fusion thresholds on the out-of-fold scores, and write the quantised
// model. Deterministic: no clock, no Math.random, and the same bytes on any number of threads.
import { basename } from 'node:path';
import type { BehaviourId } from '../contracts/behaviours.ts';
import { TEXT_BEHAVIOURS } from '../rules/corpus.ts';
import { RuleEngine } from '../rules/engine.ts';
import type { LoadedRule } from '../rules/loader.ts';
import { BucketIndex } from './bucket-index.ts';
import { fitPlatt, type Platt } from './calibration.ts';
import { corpusHash, sha256File } from './corpus-hash.ts';
import { gatherLines, type TrainingLine } from './dataset.ts';
import { emitFeatures, type FeatureConfig } from './features.ts';
import { wordCount } from './fusion.ts';
import { scoreInto, type Example, type LinearConfig, type LinearModel } from './logistic.ts';
import { trainJobs, type TrainJob } from './train-jobs.ts';
import { encodeBuckets, MODEL_FORMAT, MODEL_VERSION, type BehaviourModel, type CvFigures, type ModelFile } from './model-file.ts';
import { calibrate } from './scorer.ts';
import { seededRandom, shuffleInPlace } from './seeded-random.ts';
import { chooseThresholds, countFused, DEFAULT_POLICY, figures, PRECISION_TARGET, type ScoredLine, type ThresholdPolicy } from './thresholds.ts';


/**
 * A feature is kept when at least this many lines have it. 3 since the retired blind sets joined
 * the corpus (session 9): at 2 the model file outgrew its 5 MB; on the corpus before them 3
 * cost 0.5 point of dev F1 (0.829 -> 0.824), which their lines more than gave back.
 */
export const MIN_LINES = 3;

export interface TrainOptions {
  rules: readonly LoadedRule[];
  corpusDir: string;
  extra: readonly string[];
  without: readonly string[];
  features: FeatureConfig;
  linear: LinearConfig;
  folds: number;
  /** Threads to train the folds and the final model on (default 1: this thread, in turn). */
  workers?: number;
  /** A feature must occur on at least this many lines (a line and its twins count once). */
  minLines: number;
  log?: (message: string) => void;
}

export interface FeaturedExample extends Example {
  line: number;
  /** Which of the line's texts: 0 as typed, then its recogniser twins. */
  twin: number;
  /** Per behaviour: 1 when a rule of it hit, 2 when one was vetoed and none hit. */
  rule: Uint8Array;
  /** Words in the text as fusion counts them (wordCount), so training decides as run time does. */
  words: number;
}

function featurise(lines: readonly TrainingLine[], engine: RuleEngine, config: FeatureConfig, behaviours: readonly BehaviourId[]): { examples: FeaturedExample[]; buckets: Int32Array[] } {
  const examples: FeaturedExample[] = [];
  const buckets: Int32Array[] = [];
  lines.forEach((line, lineNo) => {
    line.texts.forEach((text, twin) => {
      const look = engine.lookAt(text);
      const seen = new Set<number>();
      emitFeatures(look.tokens, text, look.signals, config, (bucket) => void seen.add(bucket));
      buckets.push(Int32Array.from(seen).sort());
      const labels = Uint8Array.from(behaviours, (b) => (line.labels.has(b) ? 1 : 0));
      const known = Uint8Array.from(behaviours, (b) => (line.judged === null || line.judged.has(b) ? 1 : 0));
      const rule = Uint8Array.from(behaviours, (b) => (look.hits.has(b) ? 1 : look.vetoed.has(b) ? 2 : 0));
      examples.push({ rows: new Int32Array(0), labels, known, line: lineNo, twin, rule, words: wordCount(look.tokens) });
    });
  });
  return { examples, buckets };
}

/** Buckets seen on at least `minLines` lines, ascending. */
function keptBuckets(examples: readonly FeaturedExample[], buckets: readonly Int32Array[], minLines: number): number[] {
  const lineCount = new Map<number, number>();
  const lastLine = new Map<number, number>();
  examples.forEach((ex, i) => {
    for (const b of buckets[i]!) {
      if (lastLine.get(b) === ex.line) continue;
      lastLine.set(b, ex.line);
      lineCount.set(b, (lineCount.get(b) ?? 0) + 1);
    }
  });
  return [...lineCount].filter(([, n]) => n >= minLines).map(([b]) => b).sort((a, z) => a - z);
}

function quantise(model: LinearModel, behaviours: readonly BehaviourId[], kept: readonly number[]): { scales: number[]; buckets: number[]; bytes: Int8Array } {
  const width = model.width;
  const scales = behaviours.map((_, b) => {
    let max = 0;
    for (let r = 0; r < kept.length; r++) max = Math.max(max, Math.abs(model.weights[r * width + b]!));
    return max / 127;
  });
  const buckets: number[] = [];
  const rows: number[] = [];
  for (let r = 0; r < kept.length; r++) {
    let any = false;
    for (let b = 0; b < width; b++) if (scales[b]! > 0 && Math.round(model.weights[r * width + b]! / scales[b]!) !== 0) any = true;
    if (!any) continue;
    buckets.push(kept[r]!);
    for (let b = 0; b < width; b++) rows.push(scales[b]! > 0 ? Math.round(model.weights[r * width + b]! / scales[b]!) : 0);
  }
  return { scales, buckets, bytes: Int8Array.from(rows) };
}

export interface TrainResult {
  model: ModelFile;
  lines: number;
  examples: number;
}

/** The training data, turned into examples once. */
export interface Prepared {
  lines: TrainingLine[];
  examples: FeaturedExample[];
  /** Hash buckets kept as features, ascending; an example's rows index this. */
  kept: number[];
  /** Per example: does it measure the model (out-of-fold thresholds and calibration)? */
  measures: Uint8Array;
  behaviours: readonly BehaviourId[];
}

export function prepareTraining(opts: Pick<TrainOptions, 'rules' | 'corpusDir' | 'extra' | 'without' | 'features' | 'minLines' | 'log'>): Prepared {
  const behaviours = TEXT_BEHAVIOURS;
  const engine = new RuleEngine(opts.rules);
  const lines = gatherLines({ corpusDir: opts.corpusDir, rules: opts.rules, extra: opts.extra, without: opts.without });
  const { examples, buckets } = featurise(lines, engine, opts.features, behaviours);
  const kept = keptBuckets(examples, buckets, opts.minLines);
  // The same bucket-to-row index the scorer uses at run time.
  const index = new BucketIndex(Int32Array.from(kept), opts.features.hashBits);
  examples.forEach((ex, i) => {
    ex.rows = Int32Array.from(buckets[i]!.map((b) => index.rowOf(b)).filter((row) => row >= 0));
  });
  opts.log?.(`${lines.length} lines (${examples.length} examples with twins), ${kept.length} features kept of ${new Set(buckets.flatMap((b) => [...b])).size}`);
  // Lines whose labels judge every behaviour (corpus, extra) measure the model; rule examples
  // only teach it. With neither, the rule examples measure too (a first run before the corpus).
  const anyJudged = lines.some((l) => l.origin !== 'rules');
  const measures = Uint8Array.from(examples, (ex) => (!anyJudged || lines[ex.line]!.origin !== 'rules' ? 1 : 0));
  return { lines, examples, kept, measures, behaviours };
}

function foldsByLine(n: number, folds: number, seed: number): Int32Array {
  const order = shuffleInPlace(Array.from({ length: n }, (_, i) => i), seededRandom(seed + 1));
  const foldOf = new Int32Array(n);
  order.forEach((line, pos) => { foldOf[line] = pos % folds; });
  return foldOf;
}

/** How many authors (corpus briefs, extra files) wrote the lines that measure the model. */
function authorGroups(lines: readonly TrainingLine[]): number {
  return new Set(lines.filter((l) => l.origin !== 'rules').map((l) => l.group)).size;
}

/**
 * Whole groups to folds, largest first into the smallest fold: a fold's lines are scored by a
 * model that never saw their author, as the coach will meet people whose wording nobody here
 * wrote. Out-of-fold by line instead, an author's habits leak from train to test, and the
 * thresholds promise a precision that unseen authors do not get.
 */
export function foldsByGroup(lines: readonly TrainingLine[], folds: number): Int32Array {
  const sizes = new Map<string, number>();
  for (const l of lines) sizes.set(l.group, (sizes.get(l.group) ?? 0) + 1);
  const groups = [...sizes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const load = new Array<number>(folds).fill(0);
  const foldOfGroup = new Map<string, number>();
  for (const [g, n] of groups) {
    const f = load.indexOf(Math.min(...load));
    foldOfGroup.set(g, f);
    load[f]! += n;
  }
  return Int32Array.from(lines, (l) => foldOfGroup.get(l.group)!);
}

/** Each line's fold: by author when there are enough authors, else by line. */
function foldOfLine(p: Prepared, folds: number, seed: number): Int32Array {
  return authorGroups(p.lines) >= folds ? foldsByGroup(p.lines, folds) : foldsByLine(p.lines.length, folds, seed);
}

/** Raw scores of every example from the fold model that did not train on its line, example-major. */
function outOfFoldScores(p: Prepared, foldOf: Int32Array, foldModels: readonly LinearModel[]): Float64Array {
  const width = p.behaviours.length;
  const outOfFold = new Float64Array(p.examples.length * width);
  p.examples.forEach((ex, i) => {
    const model = foldModels[foldOf[ex.line]!]!;
    outOfFold.set(scoreInto(model.weights, model.bias, width, ex.rows), i * width);
  });
  return outOfFold;
}

export interface BehaviourFusion {
  platt: Platt;
  tPattern: number;
  tModel: number;
  cv: CvFigures;
  reachedTarget: boolean;
}

/** A behaviour's Platt calibration and its judged lines' calibrated out-of-fold confidences. */
function scoredLines(p: Prepared, outOfFold: Float64Array, b: number): { platt: Platt; scored: ScoredLine[] } {
  const width = p.behaviours.length;
  const judged = p.examples.map((ex, i) => ({ ex, i })).filter(({ ex, i }) => ex.known[b] === 1 && p.measures[i] === 1);
  const platt = fitPlatt(judged.map(({ i }) => outOfFold[i * width + b]!), judged.map(({ ex }) => ex.labels[b]!));
  const scored = judged.map(({ ex, i }) => ({
    p: calibrate({ platt }, outOfFold[i * width + b]!), hit: ex.rule[b] === 1, vetoed: ex.rule[b] === 2, positive: ex.labels[b] === 1, words: ex.words,
  }));
  return { platt, scored };
}

/** Calibration and fusion thresholds of every behaviour, from the out-of-fold scores (thresholds.ts). */
export function fitFusions(p: Prepared, outOfFold: Float64Array, log?: (m: string) => void, policy: ThresholdPolicy = DEFAULT_POLICY): BehaviourFusion[] {
  const calibrated = p.behaviours.map((_, b) => scoredLines(p, outOfFold, b));
  // A behaviour without an out-of-fold positive has nothing to learn thresholds from.
  const learnable = calibrated.map(({ scored }) => scored.some((l) => l.positive));
  const chosen = chooseThresholds(calibrated.filter((_, b) => learnable[b]).map((c) => c.scored), policy);
  log?.(`thresholds: one false alarm weighed as ${chosen.rate.toFixed(2)} true findings brings all findings together to precision ${figures(chosen.micro).precision.toFixed(3)}`);
  let next = 0;
  return calibrated.map(({ platt, scored }, b) => {
    const t = learnable[b] ? chosen.behaviours[next++]! : null;
    if (t === null || t.tp === 0) {
      // Nothing the model adds: the rules decide alone (a hit stands, the model alone never fires).
      log?.(`${p.behaviours[b]}: no out-of-fold true positive, thresholds left to the rules alone`);
      const counts = countFused(scored, 0, 1);
      return { platt, tPattern: 0, tModel: 1, cv: { ...figures(counts), ...counts }, reachedTarget: false };
    }
    return {
      platt, tPattern: t.tPattern, tModel: t.tModel,
      cv: { precision: t.precision, recall: t.recall, f1: t.f1, tp: t.tp, fp: t.fp, fn: t.fn }, reachedTarget: t.reachedTarget,
    };
  });
}

export async function trainScorer(opts: TrainOptions): Promise<TrainResult> {
  const p = prepareTraining(opts);
  const width = p.behaviours.length;
  // One model per cross-validation fold (for the out-of-fold scores) and one on every line (the
  // one shipped): independent of each other, so they train side by side.
  const foldOf = foldOfLine(p, opts.folds, opts.linear.seed);
  const all = Int32Array.from(p.examples.keys());
  const jobs: TrainJob[] = [
    ...Array.from({ length: opts.folds }, (_, fold) => ({ name: `fold ${fold + 1}/${opts.folds}`, examples: all.filter((i) => foldOf[p.examples[i]!.line] !== fold) })),
    { name: 'the model on every line', examples: all },
  ];
  const models = await trainJobs(p.examples, width, jobs, {
    featureRows: p.kept.length, linear: opts.linear, workers: opts.workers ?? 1, done: (job) => opts.log?.(`${job.name} trained`),
  });
  const outOfFold = outOfFoldScores(p, foldOf, models.slice(0, opts.folds));
  const full = models[opts.folds]!;
  const q = quantise(full, p.behaviours, p.kept);
  const fusions = fitFusions(p, outOfFold, opts.log);
  const behaviourModels: BehaviourModel[] = p.behaviours.map((id, b) => ({
    id, bias: full.bias[b]!, scale: q.scales[b]!, ...fusions[b]!,
  }));

  const model: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    corpusHash: corpusHash(opts.corpusDir),
    trainedWith: {
      extra: opts.extra.map((f) => ({ file: basename(f), sha256: sha256File(f) })),
      without: opts.without.map((f) => ({ file: basename(f), sha256: sha256File(f) })),
      ruleIds: opts.rules.filter((r) => r.built.kind === 'text').map((r) => r.header.id).sort(),
    },
    features: opts.features,
    training: {
      lines: p.lines.length, examples: p.examples.length, featuresKept: p.kept.length, folds: opts.folds, minLines: opts.minLines,
      epochs: opts.linear.epochs, learningRate: opts.linear.learningRate, l2: opts.linear.l2, minResidual: opts.linear.minResidual, seed: opts.linear.seed,
      precisionTarget: PRECISION_TARGET, behaviourFloor: DEFAULT_POLICY.behaviourFloor, modelOnlyFloor: DEFAULT_POLICY.modelOnlyFloor, weightBits: 8,
    },
    behaviours: behaviourModels,
    buckets: encodeBuckets(q.buckets),
    bucketCount: q.buckets.length,
    weights: Buffer.from(q.bytes.buffer, q.bytes.byteOffset, q.bytes.length).toString('base64'),
  };
  return { model, lines: p.lines.length, examples: p.examples.length };
}
