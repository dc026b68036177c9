import { describe, expect, it } from 'vitest';
import { fitPlatt } from '../../main/scorer/calibration.ts';
import { fuse } from '../../main/scorer/fusion.ts';
import { seededRandom } from '../../main/scorer/seeded-random.ts';
import { chooseThresholds, countFused, type ScoredLine, type ThresholdChoice } from '../../main/scorer/thresholds.ts';

const T = { tPattern: 0.3, tModel: 0.7 };

describe('fusion of the phrase rules and the scorer', () => {
  it('a pattern hit needs tPattern; without one the model needs tModel', () => {
    expect(fuse({ hit: true, vetoed: false, p: 0.35 }, T)).toBe('pattern');
    expect(fuse({ hit: true, vetoed: false, p: 0.8 }, T)).toBe('both');
    expect(fuse({ hit: true, vetoed: false, p: 0.2 }, T)).toBeNull();
    expect(fuse({ hit: false, vetoed: false, p: 0.69 }, T)).toBeNull();
    expect(fuse({ hit: false, vetoed: false, p: 0.7 }, T)).toBe('model');
  });

  it('a rule vetoed by its exceptions is a hard veto for the model alone', () => {
    expect(fuse({ hit: false, vetoed: true, p: 0.99 }, T)).toBeNull();
    // ...but another rule's clean hit of the same behaviour still counts.
    expect(fuse({ hit: true, vetoed: true, p: 0.99 }, T)).toBe('both');
  });

  it('the model alone never decides on a fragment of fewer than three words; a pattern hit still does', () => {
    expect(fuse({ hit: false, vetoed: false, p: 0.99, words: 2 }, T)).toBeNull();
    expect(fuse({ hit: false, vetoed: false, p: 0.99, words: 0 }, T)).toBeNull();
    expect(fuse({ hit: false, vetoed: false, p: 0.99, words: 3 }, T)).toBe('model');
    expect(fuse({ hit: true, vetoed: false, p: 0.99, words: 2 }, T)).toBe('both');
  });

  it('without a model the rules decide alone; a threshold of 1 means never', () => {
    expect(fuse({ hit: true, vetoed: false, p: undefined }, T)).toBe('pattern');
    expect(fuse({ hit: false, vetoed: false, p: undefined }, T)).toBeNull();
    expect(fuse({ hit: false, vetoed: false, p: 1 }, { tPattern: 0, tModel: 1 })).toBeNull();
  });
});

describe('threshold choice', () => {
  const line = (p: number, positive: boolean, hit = false, vetoed = false, words = 8): ScoredLine => ({ p, positive, hit, vetoed, words });
  const only = (lines: readonly ScoredLine[]): ThresholdChoice => chooseThresholds([lines]).behaviours[0]!;

  it('takes the pair that finds most at precision >= 0.92 (counting one false positive extra)', () => {
    // 20 pattern hits, all right at p >= 0.4; model-only positives from p 0.8 up, negatives below.
    const lines = [
      ...Array.from({ length: 20 }, (_, i) => line(0.4 + i * 0.02, true, true)),
      line(0.1, false, true), // a pattern hit the model doubts, wrongly fired
      ...Array.from({ length: 15 }, (_, i) => line(0.8 + i * 0.01, true)),
      ...Array.from({ length: 40 }, (_, i) => line(i * 0.015, false)),
      line(0.3, true), // a positive the model is unsure of: not worth the false alarms below it
    ];
    const t = only(lines);
    expect(t.reachedTarget).toBe(true);
    expect(t.tPattern).toBeGreaterThan(0.1);
    expect(t.tPattern).toBeLessThanOrEqual(0.4);
    expect(t.tModel).toBeGreaterThan(0.585); // above every negative
    expect(t.tModel).toBeLessThanOrEqual(0.8);
    expect(t).toMatchObject(countFused(lines, t.tPattern, t.tModel));
    expect(t.tp).toBe(35);
    expect(t.fp).toBe(0);
  });

  it('spends precision where it buys most: all findings together reach the target, not each behaviour apart', () => {
    const easy = [
      ...Array.from({ length: 200 }, () => line(0.95, true)),
      ...Array.from({ length: 20 }, () => line(0.6, true)),
      ...Array.from({ length: 4 }, () => line(0.6, false)),
      ...Array.from({ length: 200 }, () => line(0.05, false)),
    ];
    // Alone, "hard" cannot take its 0.7 group: 40 right of 44 is 40/45 = 0.89 < 0.92.
    const hard = [
      ...Array.from({ length: 20 }, () => line(0.95, true)),
      ...Array.from({ length: 20 }, () => line(0.7, true)),
      ...Array.from({ length: 4 }, () => line(0.7, false)),
      ...Array.from({ length: 200 }, () => line(0.05, false)),
    ];
    expect(only(hard).tp).toBe(20);
    const joint = chooseThresholds([easy, hard]);
    const [e, h] = joint.behaviours;
    expect(e!.tp).toBe(220);
    expect(h!.tp).toBe(40); // with "easy", the findings together are 260 right of 268: 0.97
    const m = joint.micro;
    expect(m.tp / (m.tp + m.fp + 1)).toBeGreaterThanOrEqual(0.92);
    expect(h!.tp / (h!.tp + h!.fp + 1)).toBeLessThan(0.92); // under the target on its own...
    expect(h!.tp / (h!.tp + h!.fp + 1)).toBeGreaterThanOrEqual(0.85); // ...but above its floor
    expect(h!.reachedTarget).toBe(true);
  });

  it('raises the exchange rate until the findings together reach the target', () => {
    // Each behaviour's second group is 3 right per false alarm: together they would bring the
    // total under 0.92, so the cheaper one (per true finding lost) is dropped.
    const behaviour = (second: number, wrong: number): ScoredLine[] => [
      ...Array.from({ length: 50 }, () => line(0.95, true)),
      ...Array.from({ length: second }, () => line(0.6, true)),
      ...Array.from({ length: wrong }, () => line(0.6, false)),
      ...Array.from({ length: 100 }, () => line(0.05, false)),
    ];
    const joint = chooseThresholds([behaviour(30, 10), behaviour(40, 10)]);
    // Both second groups: 170 right of 190 (0.89). Only the second behaviour's (4 per false alarm): 140 of 150 (0.93).
    expect(joint.behaviours.map((b) => b.tp)).toEqual([50, 90]);
    expect(joint.rate).toBeGreaterThan(2.99); // at 3 the first group is worth exactly what it costs
    expect(joint.rate).toBeLessThanOrEqual(4);
  });

  it('holds every behaviour to its floor, however much the others could carry it', () => {
    const sure = Array.from({ length: 500 }, () => line(0.95, true));
    const weak = [
      ...Array.from({ length: 20 }, () => line(0.9, true)),
      ...Array.from({ length: 2 }, () => line(0.9, false)),
      ...Array.from({ length: 20 }, () => line(0.6, true)),
      ...Array.from({ length: 10 }, () => line(0.6, false)), // 40 of 52 right: under 0.85
      ...Array.from({ length: 100 }, () => line(0.05, false)),
    ];
    const [, w] = chooseThresholds([sure, weak]).behaviours;
    expect(w!.tModel).toBeGreaterThan(0.6);
    expect(w!.tp).toBe(20);
    expect(w!.reachedTarget).toBe(true);
  });

  it('does not let a few lucky model-only lines pass: their own precision must reach its floor too', () => {
    const lines = [
      ...Array.from({ length: 30 }, () => line(0.9, true, true)),
      line(0.95, true), line(0.95, true), line(0.95, true), // three model-only hits: 3/(3+0+1) = 0.75
      ...Array.from({ length: 50 }, () => line(0.05, false)),
    ];
    const t = only(lines);
    expect(t.reachedTarget).toBe(true);
    expect(t.tModel).toBeGreaterThan(0.95); // above the three: the model alone decides nothing here
    expect(t.tp).toBe(30);
  });

  it('counts a short line as the model alone would decide it live: never, so it cannot buy a low tModel', () => {
    // Confident short positives ("ja sorry") would pull tModel down to 0.6 if they counted; live,
    // fuse() never lets the model alone fire on them, so the choice must not count them either.
    const lines = [
      ...Array.from({ length: 30 }, () => line(0.6, true, false, false, 2)),
      ...Array.from({ length: 20 }, () => line(0.9, true)),
      ...Array.from({ length: 2 }, () => line(0.6, false)),
      ...Array.from({ length: 50 }, () => line(0.05, false)),
    ];
    const t = only(lines);
    expect(t.tModel).toBeGreaterThan(0.6);
    expect(t.tp).toBe(20);
    expect(t.fn).toBe(30);
    expect(t).toMatchObject(countFused(lines, t.tPattern, t.tModel));
  });

  it('says so when no pair reaches the floor, and takes the best F1', () => {
    const lines = [line(0.9, true, true), line(0.9, false, true), line(0.8, true), line(0.8, false)];
    const t = only(lines);
    expect(t.reachedTarget).toBe(false);
    expect(t.f1).toBeGreaterThan(0);
  });
});

describe('Platt calibration', () => {
  it('recovers the slope and offset that generated the labels', () => {
    const random = seededRandom(7);
    const scores: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = random() * 8 - 4;
      scores.push(s);
      labels.push(random() < 1 / (1 + Math.exp(-(1.5 * s - 0.5))) ? 1 : 0);
    }
    const { a, b } = fitPlatt(scores, labels);
    expect(a).toBeCloseTo(1.5, 1);
    expect(b).toBeCloseTo(-0.5, 1);
  });
});
