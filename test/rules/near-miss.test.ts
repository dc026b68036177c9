import { describe, expect, it } from 'vitest';
import { NearMissSpeller } from '../../main/rules/near-miss.ts';
import { RuleEngine } from '../../main/rules/engine.ts';

describe('near-miss spelling of recogniser output', () => {
  const speller = new NearMissSpeller(new Set(['directie', 'gegarandeerd', 'besloten', 'kan', 'procedure', 'procedures']));

  it('maps a long word one edit away to the rule vocabulary', () => {
    expect(speller.correct('directe')).toBe('directie'); // a letter dropped
    expect(speller.correct('gegarandeert')).toBe('gegarandeerd'); // a letter changed
    expect(speller.correct('directiee')).toBe('directie'); // a letter added
  });

  it('leaves known, short, ambiguous and first-letter-changed words alone', () => {
    expect(speller.correct('directie')).toBeUndefined();
    expect(speller.correct('kon')).toBeUndefined();
    expect(speller.correct('gesloten')).toBeUndefined();
    expect(speller.correct('procedured')).toBeUndefined(); // procedure or procedures: ambiguous
    expect(speller.correct('huisnummer')).toBeUndefined();
  });

  it('lets the Dutch rules survive a misheard long word, without new false alarms', () => {
    const engine = RuleEngine.fromDir('rules');
    const said = (text: string): string[] => engine.analyzeUtterance({ startMs: 0, endMs: 1, text }).map((f) => f.behaviour);
    expect(said('het managment heeft dat zo besloten')).toEqual(['verschuilen']);
    expect(said('die afsluiting gaat gegarandeert niet door')).toEqual(['loze_belofte']);
    expect(said('de winkel is vandaag gesloten')).toEqual([]);
  });
});
