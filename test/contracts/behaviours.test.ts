import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { BEHAVIOURS, HELPFUL_IDS, UNHELPFUL_IDS } from '../../main/contracts/behaviours.ts';

const sharedCatalogue = new URL('../../../shared/eval/behaviours.json', import.meta.url);

describe('behaviour catalogue', () => {
  it('knows every id of the guide, helpful and unhelpful', () => {
    expect(BEHAVIOURS.size).toBe(UNHELPFUL_IDS.length + HELPFUL_IDS.length);
    expect(BEHAVIOURS.get('verschuilen')?.counterpart).toBe('eigenaarschap');
    expect(BEHAVIOURS.get('eigenaarschap')?.helpful).toBe(true);
  });

  it('is the same as the shared catalogue the evaluation sets use', () => {
    if (!existsSync(sharedCatalogue)) {
      console.log('skipped: ../shared/eval/behaviours.json is not beside this checkout');
      return;
    }
    const ours = JSON.parse(readFileSync(new URL('../../rules/behaviours.json', import.meta.url), 'utf8'));
    expect(ours).toEqual(JSON.parse(readFileSync(sharedCatalogue, 'utf8')));
  });
});
