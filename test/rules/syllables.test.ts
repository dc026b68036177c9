import { describe, expect, it } from 'vitest';
import { countSyllables, syllablesPerWord } from '../../main/rules/syllables.ts';

describe('Dutch syllable count', () => {
  it('counts vowel groups, with ij as one vowel and a diaeresis starting a new syllable', () => {
    expect(syllablesPerWord('ideeën geïnteresseerd uitleggen mijn aanvraag eeuw rekening')).toEqual([3, 5, 3, 1, 2, 1, 3]);
  });
  it('counts a sentence as said on the phone, digits included', () => {
    expect(countSyllables('Ik heb in het systeem gezien dat de factuur van vorige maand verkeerd is berekend.')).toBe(23);
    expect(countSyllables('Dat is 25 euro.')).toBe(6);
    expect(countSyllables('')).toBe(0);
  });
});
