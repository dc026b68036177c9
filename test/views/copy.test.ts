// UI copy rules (DESIGN.md, Privacy): no emotion words about the agent or the customer, and every
// string exists in both languages.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { allCopy, behaviourLabel, initialLang, translate, LANGS } from '../../renderer/views/i18n/strings.ts';
import { tipView } from '../../renderer/views/shared/tip-view.ts';
import { STRINGS as FIRST_RUN } from '../../renderer/firstrun/strings.ts';

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

  it('a tip card: the headline and the sentence from the rule, what was noticed and how long ago on one small line', () => {
    const tip = {
      id: 'x', kind: 'flag' as const, behaviour: 'nee_verkopen' as const, ruleId: 'r', atMs: 10_000, tip: 'Bied opties.', severity: 'low' as const,
      source: 'text' as const, headline: 'Zeg wat wél kan', say: 'Dat kan niet, maar wat wel kan is dit.', fadesAtMs: 25_000,
    };
    expect(tipView(tip, 'nl', 18_400)).toMatchObject({
      headline: 'Zeg wat wél kan', say: 'Dat kan niet, maar wat wel kan is dit.',
      noticed: `Gezien: ${behaviourLabel('nl', 'nee_verkopen')}`, age: '8 s geleden', fading: false,
    });
    expect(tipView(tip, 'nl', 11_000).age).toBe('nu');
    expect(tipView(tip, 'en', 80_000)).toMatchObject({ noticed: "Noticed: Saying what can't be done", age: '1 min ago' });
    // Fading in the last seconds before its moment has passed; no age without a running call.
    expect(tipView(tip, 'nl', 21_000).fading).toBe(true);
    expect(tipView(tip, 'nl', null)).toMatchObject({ noticed: 'Gezien: Zeggen wat niet kan', age: null, fading: false });
    // A tip from before headlines existed still reads: its tip text becomes the headline.
    expect(tipView({ ...tip, headline: undefined, say: undefined }, 'nl', null)).toMatchObject({ headline: 'Bied opties.', say: null });
  });

  it('Dutch screens address the agent as "je", never "u": the live views and the first-run page', () => {
    const firstRun = Object.values(FIRST_RUN).flatMap((v) => (Array.isArray(v) ? v : [v])) as string[];
    const formal = [...allCopy('nl'), ...firstRun].filter((text) => /(^|[^\p{L}])(u|uw)([^\p{L}]|$)/iu.test(text));
    expect(formal).toEqual([]);
  });

  it('every page says it is Dutch: <html lang="nl">', () => {
    const dir = new URL('../../renderer/', import.meta.url);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) expect(readFileSync(new URL(page, dir), 'utf8'), page).toMatch(/<html lang="nl">/);
  });
});
