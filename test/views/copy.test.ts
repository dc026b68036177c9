// UI copy rules (DESIGN.md, Privacy): no emotion words about the agent or the customer, and every
// string exists in both languages.
import { describe, expect, it } from 'vitest';
import { allCopy, behaviourLabel, initialLang, translate, LANGS } from '../../renderer/views/i18n/strings.ts';
import { tipView } from '../../renderer/views/shared/tip-view.ts';

// Stems, matched at word starts, Dutch and English.
const EMOTION_STEMS = [
  'boos', 'kwaad', 'geërgerd', 'geergerd', 'geïrriteerd', 'geirriteerd', 'ongeduldig', 'gefrustreerd', 'frustr', 'verdrietig',
  'blij', 'bang', 'angst', 'nerveu', 'gestrest', 'stress', 'emoti', 'sentiment', 'woedend', 'overstuur', 'teleurgesteld',
  'angry', 'upset', 'annoyed', 'irritat', 'impatient', 'sad', 'happy', 'afraid', 'anxious', 'nervous', 'mood', 'feeling', 'disappoint',
];

describe('UI copy', () => {
  for (const lang of LANGS) {
    it(`${lang}: has no emotion words`, () => {
      const offenders = allCopy(lang).filter((text) =>
        EMOTION_STEMS.some((stem) => new RegExp(`(^|[^\\p{L}])${stem}`, 'iu').test(text)));
      expect(offenders).toEqual([]);
    });
  }

  it('the check itself catches an emotion word', () => {
    expect(EMOTION_STEMS.some((stem) => new RegExp(`(^|[^\\p{L}])${stem}`, 'iu').test('De klant is boos'))).toBe(true);
  });

  it('fills parameters and defaults to Dutch', () => {
    expect(translate('nl', 'capture.frames', { n: 12 })).toBe('Verzonden: 12 stukjes van 32 ms');
    expect(initialLang('', null)).toBe('nl');
    expect(initialLang('?lang=en', null)).toBe('en');
    expect(initialLang('', 'en')).toBe('en');
    expect(initialLang('?lang=xx', 'fr')).toBe('nl');
  });

  it('a flag names the behaviour seen and its helpful counterpart from the catalogue', () => {
    const view = tipView({ id: 'x', kind: 'flag', behaviour: 'nee_verkopen', ruleId: 'r', atMs: 0, tip: 'Bied opties.', severity: 'low', source: 'text' }, 'nl');
    expect(view).toMatchObject({ seen: 'Zeggen wat niet kan', tryInstead: behaviourLabel('nl', 'opties_bieden'), text: 'Bied opties.' });
  });
});
