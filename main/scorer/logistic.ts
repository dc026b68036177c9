// Logistic regression for every behaviour at once, over sparse binary features: one weight row
// per feature, one column per behaviour. Trained with AdaGrad (a step size per weight, so rare
// words learn as fast as common ones) and L2 shrinkage on the weights a line moves, in a seeded
// order: the same examples give the same weights, bit for bit. A label the model already gets
// right to within `minResidual` moves nothing (the shrinkage of its weights waits for the next
// miss): a margin, as a support vector machine has, and most of the training time saved.
import { seededRandom, shuffleInPlace } from './seeded-random.ts';

export interface LinearConfig {
  epochs: number;
  learningRate: number;
  /** L2 shrinkage per update on the weights of the features present. */
  l2: number;
  seed: number;
  /** A positive label's residual counts this many times (positives are a few per cent of lines). */
  positiveWeight: number;
  /** A label predicted this close to right (|p - y|) leaves the weights as they are. */
  minResidual: number;
}

/**
 * Chosen by 5-fold cross-validation on the corpus (recall at precision 0.92): a small step size
 * keeps the weights of rare words small, which is most of the regularisation (0.2 -> 0.02 gained
 * 3 points of recall); more epochs, a stronger L2 or weighting positives up changed little.
 * minResidual 0.03 instead of 0.001 (corpus round 7, session 10): cross-validated micro recall at
 * precision 0.92 0.746 -> 0.753 (0.01: 0.751, 0.1: 0.750), dev F1 0.833 -> 0.840 (text) and
 * 0.799 -> 0.804 (asrHeavy), and a model trains in 42 s instead of 53 s on one thread, since
 * lines the model already gets right stop costing updates (25 million per epoch -> 4 million;
 * a throwaway timing script). `npm run train -- --min-residual X` trains with another margin.
 */
export const DEFAULT_LINEAR: LinearConfig = { epochs: 20, learningRate: 0.02, l2: 1e-4, seed: 12, positiveWeight: 1, minResidual: 0.03 };

export interface Example {
  /** Feature rows present in the example, ascending, each once. */
  rows: Int32Array;
  /** Per behaviour: 1 when present. */
  labels: Uint8Array;
  /** Per behaviour: 1 when the label is known (a rule example speaks for its own behaviour only). */
  known: Uint8Array;
}

export interface LinearModel {
  width: number;
  /** rows x width, row-major. */
  weights: Float32Array;
  bias: Float64Array;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
/** Keeps a step finite when a tiny gradient's square underflows to 0 in 32 bits. */
const EPSILON = 1e-8;

export function trainLinear(examples: readonly Example[], rows: number, width: number, cfg: LinearConfig): LinearModel {
  const weights = new Float32Array(rows * width);
  const squares = new Float32Array(rows * width);
  const bias = new Float64Array(width);
  const biasSquares = new Float64Array(width);
  const scratch = new Float64Array(width);
  const active = new Int32Array(width);
  const order = examples.map((_, i) => i);
  const random = seededRandom(cfg.seed);
  const { learningRate: lr, l2 } = cfg;
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const idx of order) {
      const ex = examples[idx]!;
      const residual = scoreInto(weights, bias, width, ex.rows, scratch);
      // Behaviours the example still teaches something: a label it gets (nearly) right moves
      // no weight, which keeps most of the 23 columns out of the inner loop after an epoch or two.
      let teaching = 0;
      for (let b = 0; b < width; b++) {
        const g = ex.known[b] ? (sigmoid(residual[b]!) - ex.labels[b]!) * (ex.labels[b] ? cfg.positiveWeight : 1) : 0;
        if (Math.abs(g) < cfg.minResidual) continue;
        active[teaching++] = b;
        residual[b] = g;
        biasSquares[b]! += g * g;
        bias[b]! -= (lr * g) / (Math.sqrt(biasSquares[b]!) + EPSILON);
      }
      if (teaching === 0) continue;
      for (let i = 0; i < ex.rows.length; i++) {
        const base = ex.rows[i]! * width;
        for (let a = 0; a < teaching; a++) {
          const b = active[a]!;
          const k = base + b;
          const g = residual[b]! + l2 * weights[k]!;
          squares[k]! += g * g;
          weights[k]! -= (lr * g) / (Math.sqrt(squares[k]!) + EPSILON);
        }
      }
    }
  }
  return { width, weights, bias };
}

/** Raw scores (log-odds) of every behaviour for one example; `out` is reused when given. */
export function scoreInto(weights: Float32Array, bias: Float64Array, width: number, rows: Int32Array, out = new Float64Array(width)): Float64Array {
  out.set(bias);
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i]! * width;
    for (let b = 0; b < width; b++) out[b]! += weights[base + b]!;
  }
  return out;
}
