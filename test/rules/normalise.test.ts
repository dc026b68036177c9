import { describe, expect, it } from 'vitest';
import { recogniserStyle, tokenise } from '../../main/rules/normalise.ts';

const norms = (text: string): string[] => tokenise(text).map((t) => t.norm);

describe('tokenise', () => {
  it('folds case, punctuation and diacritics', () => {
    expect(norms('Hè, ÉÉN moment!')).toEqual(['he', 'een', 'moment']);
  });

  it('turns number words and digits into one form, and "3x" into "3 keer"', () => {
    expect(norms('drie keer')).toEqual(['3', 'keer']);
    expect(norms('3 keer')).toEqual(['3', 'keer']);
    expect(norms('3x')).toEqual(['3', 'keer']);
  });

  it('expands clitics and informal forms', () => {
    expect(norms("'t is z'n schuld, da's waar")).toEqual(['het', 'is', 'zijn', 'schuld', 'dat', 'waar']);
    expect(norms('jij en jouw moeder')).toEqual(['je', 'en', 'je', 'moeder']);
  });

  it('keeps each token\'s place in the original text', () => {
    const text = 'Nou, de Directie vindt';
    const toks = tokenise(text);
    expect(toks.map((t) => text.slice(t.startChar, t.endChar))).toEqual(['Nou', 'de', 'Directie', 'vindt']);
    expect(toks[0]!.filler).toBe(true);
    expect(toks[2]!.filler).toBe(false);
  });

  it('joins hyphenated words so "e-mail" meets "email"', () => {
    expect(norms('per e-mail')).toEqual(norms('per email'));
  });
});

describe('recogniserStyle', () => {
  it('lower-cases and strips punctuation like a speech recogniser', () => {
    expect(recogniserStyle('Nee, dat kan niet! Echt?')).toBe('nee dat kan niet echt');
    expect(recogniserStyle("Da's 't: 8.14 uur.")).toBe("da's t 8 14 uur");
  });
});

describe('recogniser spellings of short words', () => {
  it('reads "es" as "is" (Whisper writes the reduced form)', () => {
    expect(tokenise('dat es vervelend').map((t) => t.norm)).toEqual(['dat', 'is', 'vervelend']);
  });
});
