// The linear trainer's margin (LinearConfig.minResidual): a label the model already gets right to
// within the margin moves no weight, a label outside it still does.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LINEAR, trainLinear, type Example } from '../../main/scorer/logistic.ts';

/** Two behaviours, three feature rows: row 0 marks behaviour 0, row 1 behaviour 1, row 2 is in every line. */
function examples(): Example[] {
  const line = (rows: number[], labels: number[]): Example => ({
    rows: Int32Array.from(rows), labels: Uint8Array.from(labels), known: Uint8Array.from([1, 1]),
  });
  return [line([0, 2], [1, 0]), line([1, 2], [0, 1]), line([2], [0, 0]), line([2], [0, 0])];
}

describe('linear trainer margin', () => {
  it('moves nothing when every label starts inside the margin (p = 0.5 at the start, so |p - y| = 0.5)', () => {
    const model = trainLinear(examples(), 3, 2, { ...DEFAULT_LINEAR, epochs: 3, minResidual: 0.6 });
    expect([...model.weights].every((w) => w === 0)).toBe(true);
    expect([...model.bias]).toEqual([0, 0]);
  });

  it('learns the behaviours when the labels are outside the margin', () => {
    const model = trainLinear(examples(), 3, 2, { ...DEFAULT_LINEAR, epochs: 30, learningRate: 0.5, minResidual: 0.03 });
    // Row 0 speaks for behaviour 0 and against behaviour 1; row 1 the other way round.
    expect(model.weights[0 * 2 + 0]).toBeGreaterThan(0);
    expect(model.weights[0 * 2 + 1]).toBeLessThan(0);
    expect(model.weights[1 * 2 + 1]).toBeGreaterThan(0);
  });

  it('stops moving once every label is inside the margin: more epochs give the same weights', () => {
    const cfg = { ...DEFAULT_LINEAR, learningRate: 0.5, minResidual: 0.45 };
    const settled = trainLinear(examples(), 3, 2, { ...cfg, epochs: 200 });
    const later = trainLinear(examples(), 3, 2, { ...cfg, epochs: 400 });
    expect([...later.weights]).toEqual([...settled.weights]);
    // With the margin as small as before, the same lines keep moving the weights.
    const small = { ...cfg, minResidual: 0.001 };
    expect([...trainLinear(examples(), 3, 2, { ...small, epochs: 400 }).weights])
      .not.toEqual([...trainLinear(examples(), 3, 2, { ...small, epochs: 200 }).weights]);
  });
});
