import { describe, expect, it } from 'vitest';
import { tokenise } from '../../main/rules/normalise.ts';
import { DEFAULT_FEATURES, emitFeatures, FeatureConfig, findMarkers, type Marker, type RuleSignals } from '../../main/scorer/features.ts';

const NO_RULES: RuleSignals = { hits: [], vetoes: [] };

function markers(text: string): { kind: string; words: string }[] {
  const tokens = tokenise(text);
  const words = (m: Marker): string => (m.from < 0 ? '' : tokens.slice(m.from, m.to).map((t) => t.norm).join(' '));
  return findMarkers(tokens, text, DEFAULT_FEATURES).map((m) => ({ kind: 'person' in m ? `subject:${m.person}` : 'by' in m ? `question:${m.by}` : 'speaker' in m ? `reported:${m.speaker}` : m.kind, words: words(m) }));
}

function buckets(text: string, signals = NO_RULES, config = DEFAULT_FEATURES): Set<number> {
  const out = new Set<number>();
  emitFeatures(tokenise(text), text, signals, config, (b) => void out.add(b));
  return out;
}

/** How many features two utterances have in common. */
function shared(a: string, b: string, config = DEFAULT_FEATURES): number {
  const other = buckets(b, NO_RULES, config);
  return [...buckets(a, NO_RULES, config)].filter((x) => other.has(x)).length;
}

describe('scorer features', () => {
  it('with shapes, any number is one class with its neighbours: "5 werkdagen" and "7 werkdagen" share features', () => {
    const off = { ...DEFAULT_FEATURES, shapes: false };
    // The class itself, "binnen <number>", "<number> werkdagen", and the same count of long words (none).
    expect(shared('binnen 5 werkdagen', 'binnen 7 werkdagen') - shared('binnen 5 werkdagen', 'binnen 7 werkdagen', off)).toBe(4);
    // Long words (official compounds) are counted: two different ones share their count, one and two do not.
    expect(shared('de betalingsregeling', 'de invorderingsprocedure') - shared('de betalingsregeling', 'de invorderingsprocedure', off)).toBe(1);
    expect(shared('de betalingsregeling', 'de invorderingsprocedure en betalingsregeling') - shared('de betalingsregeling', 'de invorderingsprocedure en betalingsregeling', off)).toBe(0);
  });

  it('with skipBigrams, the words around another middle word still pair up: "klopt gewoon niet" and "klopt echt niet"', () => {
    const off = { ...DEFAULT_FEATURES, skipBigrams: false };
    // Both have the pair "klopt _ niet" (one word between); their other pairs differ.
    expect(shared('dat klopt gewoon niet', 'dat klopt echt niet') - shared('dat klopt gewoon niet', 'dat klopt echt niet', off)).toBe(1);
    expect(shared('dat klopt niet', 'klopt dat niet') - shared('dat klopt niet', 'klopt dat niet', off)).toBe(0);
    // A model file from before the flag reads as off.
    expect(FeatureConfig.parse({ ...off, skipBigrams: undefined }).skipBigrams).toBe(false);
  });

  it('with foldAddress, u, je, jij, ge and gij give the same features; without it they do not', () => {
    const same = (a: string, b: string, config = DEFAULT_FEATURES): boolean => [...buckets(a, NO_RULES, config)].sort().join() === [...buckets(b, NO_RULES, config)].sort().join();
    expect(same('had je dat maar eerder gemeld', 'had u dat maar eerder gemeld')).toBe(true);
    expect(same('had jij dat maar eerder gemeld', 'had ge dat maar eerder gemeld')).toBe(true);
    expect(same('had je dat maar eerder gemeld', 'had ik dat maar eerder gemeld')).toBe(false);
    expect(same('had je dat maar eerder gemeld', 'had u dat maar eerder gemeld', { ...DEFAULT_FEATURES, foldAddress: false })).toBe(false);
    // A model file from before the option has no field: it keeps the features it was trained with.
    const { foldAddress: _, ...older } = DEFAULT_FEATURES;
    expect(FeatureConfig.parse(older).foldAddress).toBe(false);
  });

  it('marks the scope of a negation: up to three words after it, until a contrast', () => {
    const m = markers('Dat kan ik niet voor u regelen, maar wel morgen.');
    expect(m.filter((x) => x.kind === 'negation').map((x) => x.words)).toEqual(['niet']);
    expect(m.filter((x) => x.kind === 'negated').map((x) => x.words)).toEqual(['voor', 'u', 'regelen']);
    expect(markers('Dat is niet, maar goed.').filter((x) => x.kind === 'negated')).toEqual([]);
  });

  it('marks the first person named: ik, wij (we) or u (je)', () => {
    expect(markers('Ik snap dat u boos bent').find((x) => x.kind.startsWith('subject'))).toEqual({ kind: 'subject:ik', words: 'ik' });
    expect(markers('we doen dat altijd zo').find((x) => x.kind.startsWith('subject'))).toEqual({ kind: 'subject:wij', words: 'we' });
    expect(markers('Had je maar eerder gebeld').find((x) => x.kind.startsWith('subject'))).toEqual({ kind: 'subject:u', words: 'je' });
  });

  it('marks a question by its mark, a question word first, or a verb first before a pronoun', () => {
    expect(markers('Wat is er precies gebeurd?').filter((x) => x.kind.startsWith('question')).map((x) => x.kind)).toEqual(['question:mark', 'question:question-word']);
    expect(markers('kunt u dat nog eens zeggen').filter((x) => x.kind.startsWith('question'))).toEqual([{ kind: 'question:verb-first', words: 'kunt u' }]);
    expect(markers('u kunt dat zeggen').filter((x) => x.kind.startsWith('question'))).toEqual([]);
  });

  it("marks reported speech: someone else's words are theirs, the agent's own report is not", () => {
    const other = markers('U zegt dat u het contract niet goed had kunnen lezen');
    expect(other.find((x) => x.kind === 'reported:other')).toEqual({ kind: 'reported:other', words: 'u zegt' });
    expect(other.filter((x) => x.kind === 'reported-word').map((x) => x.words).slice(0, 3)).toEqual(['dat', 'u', 'het']);
    expect(markers('mijn collega zei dat het vandaag klaar zou zijn').some((x) => x.kind === 'reported:other')).toBe(true);
    const self = markers('Zoals ik al zei, uw kaart is verlopen.');
    expect(self.find((x) => x.kind.startsWith('reported'))).toEqual({ kind: 'reported:self', words: 'ik al zei' });
    expect(self.some((x) => x.kind === 'reported-word')).toBe(false);
    expect(markers('Hij zei: "dat kan niet".').some((x) => x.kind === 'quote')).toBe(true);
  });

  it('hashes the same words to the same features, and different words (mostly) to different ones', () => {
    expect(buckets('De directie vindt dat niet nodig.')).toEqual(buckets('De directie vindt dat niet nodig.'));
    const a = buckets('dat valt wel mee');
    const b = buckets('dat valt niet mee');
    expect([...a].filter((x) => !b.has(x)).length).toBeGreaterThan(5);
  });

  it('spells nothing twice: typed and recogniser style give the same word features', () => {
    const typed = buckets('Dat valt wel mee, hoor.');
    const heard = buckets('dat valt wel mee hoor');
    // Only the whole-utterance question/quote markers could differ; there are none here.
    expect(heard).toEqual(typed);
  });

  it('adds a feature per phrase-rule hit and per vetoed rule, over the rule\'s words', () => {
    const text = 'Nee, dat kan niet.';
    const spans: number[][] = [];
    emitFeatures(tokenise(text), text, { hits: [{ ruleId: 'r1', behaviour: 'nee_verkopen', start: 0, end: 4 }], vetoes: [] }, DEFAULT_FEATURES, (_b, from, to) => {
      if (from === 0 && to === 4) spans.push([from, to]);
    });
    expect(spans).toHaveLength(2); // the rule and its behaviour (no word n-gram is four words long)
    const hit = buckets(text, { hits: [{ ruleId: 'r1', behaviour: 'nee_verkopen', start: 0, end: 4 }], vetoes: [] });
    const veto = buckets(text, { hits: [], vetoes: [{ ruleId: 'r1', behaviour: 'nee_verkopen', start: 0, end: 4 }] });
    expect(hit).not.toEqual(veto);
  });

  it('marks the words and phrases before a contrast ("maar", "echter") apart from those after it', () => {
    const config = { ...DEFAULT_FEATURES, contrastClauses: true };
    const features = (text: string, contrastClauses: boolean): Map<number, string> => {
      const tokens = tokenise(text);
      const out = new Map<number, string>();
      emitFeatures(tokens, text, NO_RULES, { ...config, contrastClauses }, (b, from, to) => void out.set(b, tokens.slice(from, to).map((t) => t.norm).join(' ')));
      return out;
    };
    const hollowText = 'Ik begrijp het, maar u had moeten bellen.';
    const hollow = features(hollowText, true);
    const plain = features(hollowText, false);
    const onlyWith = [...hollow].filter(([b]) => !plain.has(b)).map(([, w]) => w);
    const onlyWithout = [...plain].filter(([b]) => !hollow.has(b)).map(([, w]) => w);
    // Every word but the contrast gets a clause feature; the conceded phrases replace the plain ones.
    for (const w of ['ik', 'begrijp', 'het', 'u', 'had', 'moeten', 'bellen']) expect(onlyWith).toContain(w);
    expect(onlyWithout.sort()).toEqual(['begrijp het', 'ik begrijp', 'ik begrijp het']);
    expect(onlyWith).toContain('ik begrijp het');
    // Nothing changes without a contrast ("toch" is none), and "ik begrijp" after a contrast is the plain phrase.
    for (const text of ['Ik begrijp het, u had moeten bellen.', 'Dat kan toch niet, ik begrijp het.']) expect(features(text, true)).toEqual(features(text, false));
    const after = features('Ja maar ik begrijp het.', true);
    expect([...after].filter(([, w]) => w === 'ik begrijp').map(([b]) => plain.has(b))).toEqual([true]);
  });
});
