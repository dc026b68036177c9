import { describe, expect, it } from 'vitest';
import { CompoundMender } from '../../main/rules/compounds.ts';
import { tokenise } from '../../main/rules/normalise.ts';

const mender = new CompoundMender(new Set(['nog', 'eens', 'vervelend', 'daar', 'om', 'daarom', 'zo', 'meteen', 'over', 'leg', 'overleg']));
const mend = (text: string): string[] => mender.mend(tokenise(text)).map((t) => t.norm);

describe('compound mending toward the rules\' vocabulary', () => {
  it('splits a word the rules never name into the two rule words it is made of', () => {
    expect(mend('kunt u dat nogeens zeggen')).toEqual(['kunt', 'u', 'dat', 'nog', 'eens', 'zeggen']);
    expect(mend('ik bel zometeen')).toEqual(['ik', 'bel', 'zo', 'meteen']);
  });

  it('merges two words into the rule word they make when one half is no rule word', () => {
    expect(mend('wat ver velend')).toEqual(['wat', 'vervelend']);
  });

  it('leaves pairs of rule words, rule words themselves and unknown words alone', () => {
    expect(mend('daar om vroeg ik')).toEqual(['daar', 'om', 'vroeg', 'ik']);
    expect(mend('daarom overleg ik')).toEqual(['daarom', 'overleg', 'ik']);
    expect(mend('een klantnummer')).toEqual(['een', 'klantnummer']);
  });

  it('keeps spans on the original letters, so a finding still points at the words said', () => {
    const text = 'kunt u dat nogeens zeggen';
    const toks = mender.mend(tokenise(text));
    expect(toks.map((t) => text.slice(t.startChar, t.endChar))).toEqual(['kunt', 'u', 'dat', 'nog', 'eens', 'zeggen']);
    const merged = mender.mend(tokenise('wat ver velend'));
    expect('wat ver velend'.slice(merged[1]!.startChar, merged[1]!.endChar)).toBe('ver velend');
  });

  it('gives a word met again the spans of where it is now (the split point is remembered, not the spans)', () => {
    const first = 'nogeens';
    const again = 'zeg het NOGEENS';
    mender.mend(tokenise(first));
    const toks = mender.mend(tokenise(again));
    expect(toks.map((t) => again.slice(t.startChar, t.endChar))).toEqual(['zeg', 'het', 'NOG', 'EENS']);
  });

  it('returns the very same tokens (and word set) when nothing needs mending', () => {
    const toks = tokenise('dat is vervelend');
    expect(mender.mend(toks)).toBe(toks);
    expect(mender.mend(tokenise('ik bel zometeen')).words.has('meteen')).toBe(true);
  });
});
