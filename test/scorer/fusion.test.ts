import { describe, expect, it } from 'vitest';
import { fitPlatt } from '../../main/scorer/calibration.ts';
import { fuse } from '../../main/scorer/fusion.ts';
import { seededRandom } from '../../main/scorer/seeded-random.ts';
import { chooseThresholds, countFused, type ScoredLine } from '../../main/scorer/thresholds.ts';

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

  it('takes the pair with the highest recall at precision >= 0.92 (counting one false positive extra)', () => {
    // 20 pattern hits, all right at p >= 0.4; model-only positives from p 0.8 up, negatives below.
    const lines = [
      ...Array.from({ length: 20 }, (_, i) => line(0.4 + i * 0.02, true, true)),
      line(0.1, false, true), // a pattern hit the model doubts, wrongly fired
      ...Array.from({ length: 15 }, (_, i) => line(0.8 + i * 0.01, true)),
      ...Array.from({ length: 40 }, (_, i) => line(i * 0.015, false)),
      line(0.3, true), // a positive the model is unsure of: not worth the false alarms below it
    ];
    const t = chooseThresholds(lines);
    expect(t.reachedTarget).toBe(true);
    expect(t.tPattern).toBeGreaterThan(0.1);
    expect(t.tPattern).toBeLessThanOrEqual(0.4);
    expect(t.tModel).toBeGreaterThan(0.585); // above every negative
    expect(t.tModel).toBeLessThanOrEqual(0.8);
    expect(t).toMatchObject(countFused(lines, t.tPattern, t.tModel));
    expect(t.tp).toBe(35);
    expect(t.fp).toBe(0);
  });

  it('does not let a few lucky model-only lines pass: their own precision must reach its target too', () => {
    const lines = [
      ...Array.from({ length: 30 }, () => line(0.9, true, true)),
      line(0.95, true), line(0.95, true), line(0.95, true), // three model-only hits: 3/(3+0+1) = 0.75
      ...Array.from({ length: 50 }, () => line(0.05, false)),
    ];
    const t = chooseThresholds(lines);
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
    const t = chooseThresholds(lines);
    expect(t.tModel).toBeGreaterThan(0.6);
    expect(t.tp).toBe(20);
    expect(t.fn).toBe(30);
    expect(t).toMatchObject(countFused(lines, t.tPattern, t.tModel));
  });

  it('says so when no pair reaches the target, and takes the best F1', () => {
    const lines = [line(0.9, true, true), line(0.9, false, true), line(0.8, true), line(0.8, false)];
    const t = chooseThresholds(lines);
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
