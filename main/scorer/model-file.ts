// The scorer's model file (rules/nl/scorer.json): one JSON document, versioned, carrying the
// corpus hash it was trained on, the feature configuration, per behaviour the bias, the Platt
// calibration and the two fusion thresholds with the cross-validated precision and recall they
// gave, and the weights. Weights are quantised to 8 bits per behaviour (a scale per behaviour)
// and stored as base64 next to the list of hash buckets that have any; the file stays text,
// small (4.8 MB with the round-5 corpus; test/scorer/model-budget.test.ts holds it to 5 MB)
// and loads in milliseconds.
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';
import { FeatureConfig } from './features.ts';

export const MODEL_FORMAT = 'klachtcoach-scorer';
export const MODEL_VERSION = 1;
/** The model's file name in a language folder, next to the rules (rules/nl/scorer.json). */
export const MODEL_FILE_NAME = 'scorer.json';

const Fraction = z.number().min(0).max(1);

export const CvFigures = z.strictObject({
  precision: Fraction,
  recall: Fraction,
  f1: Fraction,
  tp: z.number().int().nonnegative(),
  fp: z.number().int().nonnegative(),
  fn: z.number().int().nonnegative(),
});
export type CvFigures = z.infer<typeof CvFigures>;

export const BehaviourModel = z.strictObject({
  id: BehaviourId,
  bias: z.number(),
  /** Weight = stored byte x scale. */
  scale: z.number().nonnegative(),
  /** Calibrated confidence = 1 / (1 + exp(-(a * score + b))), fitted on out-of-fold scores. */
  platt: z.strictObject({ a: z.number(), b: z.number() }),
  /** Fusion thresholds on the calibrated confidence (main/scorer/fusion.ts). */
  tPattern: Fraction,
  tModel: Fraction,
  /** 5-fold cross-validated figures of the fused decision at these thresholds, on the training lines. */
  cv: CvFigures,
  /** Did the behaviour's findings reach their precision floor (main/scorer/thresholds.ts)? When not, the thresholds give the best F1 there was. */
  reachedTarget: z.boolean(),
});
export type BehaviourModel = z.infer<typeof BehaviourModel>;

export const ModelFile = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  /** sha256 of the corpus files it was trained on (main/scorer/corpus-hash.ts). */
  corpusHash: z.string().min(1),
  /** What else went in: extra files (supervisors' marks) and files whose lines were left out. */
  trainedWith: z.strictObject({
    extra: z.array(z.strictObject({ file: z.string(), sha256: z.string() })),
    without: z.array(z.strictObject({ file: z.string(), sha256: z.string() })),
    ruleIds: z.array(z.string()),
  }),
  features: FeatureConfig,
  training: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  behaviours: z.array(BehaviourModel).min(1),
  /** Hash buckets with weights, ascending, as base64 of LEB128 deltas. */
  buckets: z.string(),
  bucketCount: z.number().int().nonnegative(),
  /** Signed bytes, bucket-major: bucketCount x behaviours.length, base64. */
  weights: z.string(),
});
export type ModelFile = z.infer<typeof ModelFile>;

export function encodeBuckets(sorted: readonly number[]): string {
  const bytes: number[] = [];
  let prev = 0;
  for (const b of sorted) {
    let d = b - prev;
    prev = b;
    while (d >= 0x80) {
      bytes.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    bytes.push(d);
  }
  return Buffer.from(bytes).toString('base64');
}

export function decodeBuckets(base64: string, count: number): Int32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Int32Array(count);
  let pos = 0;
  let prev = 0;
  for (let i = 0; i < count; i++) {
    let d = 0;
    let shift = 0;
    for (;;) {
      if (pos >= bytes.length) throw new Error(`buckets: ends after ${i} of ${count}`);
      const byte = bytes[pos++]!;
      d |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    prev += d;
    out[i] = prev;
  }
  if (pos !== bytes.length) throw new Error(`buckets: ${bytes.length - pos} bytes left after ${count} buckets`);
  return out;
}

/** The model as written to disk: stable key order, one key a line at the top, and a final newline. */
export function serialiseModel(model: ModelFile): string {
  return `${JSON.stringify(model, null, 1)}\n`;
}
