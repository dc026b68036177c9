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

  it('holds every entry of the shared catalogue the evaluation sets use, unchanged, and adds only behaviours from practice', () => {
    if (!existsSync(sharedCatalogue)) {
      console.log('skipped: ../shared/eval/behaviours.json is not beside this checkout');
      return;
    }
    type Entry = { id: string; from?: string };
    type Catalogue = { about: string; unhelpful: Entry[]; helpful: Entry[] };
    const ours = JSON.parse(readFileSync(new URL('../../rules/behaviours.json', import.meta.url), 'utf8')) as Catalogue;
    const shared = JSON.parse(readFileSync(sharedCatalogue, 'utf8')) as Catalogue;
    expect(ours.about).toBe(shared.about);
    for (const side of ['unhelpful', 'helpful'] as const) {
      for (const entry of shared[side]) expect(ours[side].find((e) => e.id === entry.id), `${side} ${entry.id}`).toEqual(entry);
      const added = ours[side].filter((e) => !shared[side].some((s) => s.id === e.id));
      for (const entry of added) expect(entry.from, `${side} ${entry.id} is not in the guide's catalogue`).toBe('practice');
    }
  });

  it('marks the behaviours from practice as such, and only those', () => {
    expect(BEHAVIOURS.get('stilte_zonder_uitleg')).toMatchObject({ fromPractice: true, helpful: false, counterpart: 'vervolgstappen', detect: ['timing'] });
    expect([...BEHAVIOURS.values()].filter((b) => b.fromPractice).map((b) => b.id)).toEqual(['stilte_zonder_uitleg']);
  });
});
