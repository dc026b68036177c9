// The budget for the shipped model file: at most 5 MB. A retrain (more corpus, another
// feature kind) that grows past it fails here, instead of being noticed in a README table. And
// the thresholds it carries keep the promise they were chosen for, on their own cross-validated
// counts: all findings together at the precision target, each behaviour at its floor.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { modelFileFor } from '../../main/rules/engine.ts';
import { ModelFile } from '../../main/scorer/model-file.ts';
import { DEFAULT_POLICY } from '../../main/scorer/thresholds.ts';

/** 5 MB in decimal megabytes, the stricter reading. */
const BUDGET_BYTES = 5_000_000;

describe('shipped scorer model', () => {
  it('fits the 5 MB the model file may take', () => {
    const file = modelFileFor(DEFAULT_RULES_DIR);
    const size = statSync(file).size;
    expect(size, `${file} is ${(size / 1e6).toFixed(2)} MB`).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('carries thresholds whose cross-validated findings reach the target together and each behaviour its floor', () => {
    const model = ModelFile.parse(JSON.parse(readFileSync(modelFileFor(DEFAULT_RULES_DIR), 'utf8')));
    expect(model.training).toMatchObject({ precisionTarget: DEFAULT_POLICY.target, behaviourFloor: DEFAULT_POLICY.behaviourFloor });
    const sure = (tp: number, fp: number): number => tp / (tp + fp + 1);
    const tp = model.behaviours.reduce((n, b) => n + b.cv.tp, 0);
    const fp = model.behaviours.reduce((n, b) => n + b.cv.fp, 0);
    expect(sure(tp, fp)).toBeGreaterThanOrEqual(DEFAULT_POLICY.target);
    for (const b of model.behaviours.filter((x) => x.reachedTarget)) {
      expect(sure(b.cv.tp, b.cv.fp), b.id).toBeGreaterThanOrEqual(DEFAULT_POLICY.behaviourFloor);
      expect(b.tPattern, b.id).toBeLessThanOrEqual(b.tModel);
    }
  });
});
