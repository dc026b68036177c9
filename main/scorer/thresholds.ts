// The two fusion thresholds of one behaviour, chosen on out-of-fold confidences: among all pairs
// tPattern <= tModel on a grid, the pair whose fused decision (main/scorer/fusion.ts) reaches the
// precision aimed at with the highest recall. When no pair reaches it, the pair with the best F1
// is taken and the model file says the target was not reached.
//
// Precision is counted with one false positive added (tp / (tp + fp + 1)), so a handful of lucky
// lines cannot pass for 0.92: ten right and none wrong gives 0.91. And the model's own findings
// (no pattern hit) must reach a precision of their own (DEFAULT_POLICY): the agent trusts each
// finding, not an average in which the patterns carry the model.
import { fuse, tooShortForModel } from './fusion.ts';

export const PRECISION_TARGET = 0.92;
/** 0.02 to 0.98 by 0.01, and 1: never (the model alone does not decide this behaviour). */
const GRID: readonly number[] = [...Array.from({ length: 97 }, (_, i) => Math.round((0.02 + i * 0.01) * 100) / 100), 1];

export interface ScoredLine {
  /** Calibrated out-of-fold confidence. */
  p: number;
  hit: boolean;
  vetoed: boolean;
  positive: boolean;
  /** Words in the line, fillers not counted: the model alone never decides a short line. */
  words: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ThresholdChoice extends Counts {
  tPattern: number;
  tModel: number;
  precision: number;
  recall: number;
  f1: number;
  reachedTarget: boolean;
}

export function figures(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function countFused(lines: readonly ScoredLine[], tPattern: number, tModel: number): Counts {
  let tp = 0, fp = 0, fn = 0;
  for (const l of lines) {
    const found = fuse({ hit: l.hit, vetoed: l.vetoed, p: l.p, words: l.words }, { tPattern, tModel }) !== null;
    if (found && l.positive) tp++;
    else if (found) fp++;
    else if (l.positive) fn++;
  }
  return { tp, fp, fn };
}

export interface ThresholdPolicy {
  /** Precision the fused decision must reach. */
  target: number;
  /** Precision the model's own findings (no pattern hit) must reach by themselves. */
  modelOnlyTarget: number;
}

/**
 * The model's own findings must reach 0.85 by themselves: asking 0.92 of them too cost 2 to 4
 * points of recall on cross-validation for 0.5 point of precision.
 */
export const DEFAULT_POLICY: ThresholdPolicy = { target: PRECISION_TARGET, modelOnlyTarget: 0.85 };

export function chooseThresholds(lines: readonly ScoredLine[], policy: ThresholdPolicy = DEFAULT_POLICY): ThresholdChoice {
  // Counts per grid step of lines at or above it, kept apart for hits and for free (no hit, no
  // veto) lines; a pair's counts are then two lookups instead of a pass over the lines.
  const above = (group: readonly ScoredLine[]): { pos: number[]; neg: number[] } => {
    const pos = GRID.map((t) => (t >= 1 ? 0 : group.filter((l) => l.positive && l.p >= t).length));
    const neg = GRID.map((t) => (t >= 1 ? 0 : group.filter((l) => !l.positive && l.p >= t).length));
    return { pos, neg };
  };
  const hits = above(lines.filter((l) => l.hit));
  // Lines the model alone may decide: no hit, no veto, not too short (as in fuse()).
  const free = above(lines.filter((l) => !l.hit && !l.vetoed && !tooShortForModel(l.words)));
  const positives = lines.filter((l) => l.positive).length;
  let best: ThresholdChoice | null = null;
  const better = (c: ThresholdChoice, than: ThresholdChoice | null): boolean => {
    if (than === null) return true;
    if (c.reachedTarget !== than.reachedTarget) return c.reachedTarget;
    const [a, b] = c.reachedTarget ? [c.recall, than.recall] : [c.f1, than.f1];
    if (a !== b) return a > b;
    if (c.precision !== than.precision) return c.precision > than.precision;
    return false; // the earlier (lower) pair stays: ties are settled by grid order, deterministically
  };
  const sure = (tp: number, fp: number, target: number): boolean => tp / (tp + fp + 1) >= target;
  for (let i = 0; i < GRID.length; i++) {
    for (let j = i; j < GRID.length; j++) {
      const tp = hits.pos[i]! + free.pos[j]!;
      const fp = hits.neg[i]! + free.neg[j]!;
      const counts = { tp, fp, fn: positives - tp };
      const f = figures(counts);
      const modelOnlyFound = free.pos[j]! + free.neg[j]!;
      const reachedTarget = sure(tp, fp, policy.target) && (modelOnlyFound === 0 || sure(free.pos[j]!, free.neg[j]!, policy.modelOnlyTarget));
      const choice: ThresholdChoice = { tPattern: GRID[i]!, tModel: GRID[j]!, ...counts, ...f, reachedTarget };
      if (better(choice, best)) best = choice;
    }
  }
  return best!;
}
