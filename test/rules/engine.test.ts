import { describe, expect, it } from 'vitest';
import { Finding } from '../../main/contracts/finding.ts';
import { createCallContext, RuleEngine } from '../../main/rules/engine.ts';

// The shipped Dutch rule set: these are the context rules the guide asks for. The phrase rules
// alone; the rules fused with the learned scorer are tested in test/scorer/.
const engine = RuleEngine.fromDir('rules', { model: null });
const behaviours = (text: string): string[] => engine.analyzeUtterance({ startMs: 0, endMs: 1000, text }).map((f) => f.behaviour).sort();

describe('rule engine on the Dutch rule set', () => {
  it('returns findings in the shared Finding shape, with the triggering words', () => {
    const text = 'Ja, de directie vindt dat niet nodig.';
    const [f] = engine.analyzeUtterance({ startMs: 4000, endMs: 6500, text });
    expect(Finding.parse(f)).toEqual(f);
    expect(f).toMatchObject({ kind: 'flag', behaviour: 'verschuilen', atMs: 6500, source: 'text' });
    expect(text.slice(f!.span!.startChar, f!.span!.endChar)).toBe(f!.span!.text);
    expect(f!.span!.text).toBe('directie vindt');
  });

  it('gives praise, not a flag, for helpful behaviour', () => {
    const [f] = engine.analyzeUtterance({ startMs: 0, endMs: 1, text: 'Het spijt me echt, dat is niet goed gegaan.' });
    expect(f).toMatchObject({ kind: 'praise', behaviour: 'eigenaarschap' });
  });

  it('a no followed by an alternative is an option offered, not a no sold', () => {
    expect(behaviours('Nee, dat kan niet.')).toEqual(['nee_verkopen']);
    expect(behaviours('Nee, dat kan niet, maar wat wel kan is een monteur op maandag.')).toEqual(['opties_bieden']);
  });

  it('taking it to the board and calling back on Friday is a next step, not hiding', () => {
    expect(behaviours('Ik leg het aan de directie voor en bel u vrijdag terug.')).toEqual(['vervolgstappen']);
    expect(behaviours('De directie heeft dat zo besloten.')).toEqual(['verschuilen']);
  });

  it('quoting or summarising the customer is not the agent\'s own reproach or impatience', () => {
    expect(behaviours('Zoals u al zei, het lekt nu al drie weken. Klopt dat?')).toEqual(['samenvatten_toetsen']);
    expect(behaviours('U zegt dat u het contract niet goed had kunnen lezen, klopt dat?')).toEqual(['samenvatten_toetsen']);
    expect(behaviours('Zoals ik al zei, uw kaart is verlopen.')).toEqual(['ongeduldig']);
  });

  it('repeated unconditional agreement becomes altijd_meegaand; one agreement does not', () => {
    const ctx = createCallContext();
    const say = (text: string, atMs: number): string[] =>
      engine.analyzeUtterance({ startMs: atMs - 1000, endMs: atMs, text }, ctx).map((f) => f.behaviour);
    expect(say('U heeft gelijk.', 1000)).toEqual([]);
    expect(say('Mag ik uw postcode?', 5000)).toEqual([]);
    expect(say('Ja, u heeft gelijk.', 9000)).toEqual(['altijd_meegaand']);
  });

  it('keeps a rule quiet during its cooldown within one call', () => {
    const ctx = createCallContext();
    const text = 'Nee, dat kan niet.';
    expect(engine.analyzeUtterance({ startMs: 0, endMs: 1000, text }, ctx)).toHaveLength(1);
    expect(engine.analyzeUtterance({ startMs: 2000, endMs: 3000, text }, ctx)).toHaveLength(0);
    expect(engine.analyzeUtterance({ startMs: 120_000, endMs: 121_000, text }, ctx)).toHaveLength(1);
  });

  it('survives recogniser output: lower case, no punctuation, digits, fillers, informal forms', () => {
    expect(behaviours('eh ik heb het je nu al 3x uitgelegd')).toEqual(['ongeduldig']);
    expect(behaviours('nou dat ligt eh echt nie aan ons')).toEqual(['verdedigen']);
    expect(behaviours('da\'s onze fout geweest excuses daarvoor')).toEqual(['eigenaarschap']);
  });

  it('finds nothing in plain service talk', () => {
    for (const text of ['Mag ik uw postcode en huisnummer?', 'Goedemorgen, u spreekt met Sanne.', 'Ik zoek het even op.', '']) {
      expect(behaviours(text)).toEqual([]);
    }
  });
});
