// The budget for the shipped model file: at most 5 MB. A retrain (more corpus, another
// feature kind) that grows past it fails here, instead of being noticed in a README table.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { modelFileFor } from '../../main/rules/engine.ts';

/** 5 MB in decimal megabytes, the stricter reading. */
const BUDGET_BYTES = 5_000_000;

describe('shipped scorer model', () => {
  it('fits the 5 MB the model file may take', () => {
    const file = modelFileFor(DEFAULT_RULES_DIR);
    const size = statSync(file).size;
    expect(size, `${file} is ${(size / 1e6).toFixed(2)} MB`).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
