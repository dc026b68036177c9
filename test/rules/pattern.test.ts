import { describe, expect, it } from 'vitest';
import { compilePattern, PatternError, type ListLookup } from '../../main/rules/pattern.ts';
import { listNode } from '../../main/rules/pattern.ts';
import { tokenise } from '../../main/rules/normalise.ts';

const noLists: ListLookup = () => undefined;

function words(pattern: string, text: string, lists: ListLookup = noLists): string | null {
  const p = compilePattern(pattern, lists);
  const toks = tokenise(text);
  const m = p.find(toks);
  return m ? text.slice(toks[m.start]!.startChar, toks[m.end - 1]!.endChar) : null;
}

describe('phrase patterns', () => {
  it('matches a word sequence anywhere, case and punctuation folded', () => {
    expect(words('dat kan niet', 'Nee, DAT kan niet.')).toBe('DAT kan niet');
    expect(words('dat kan niet', 'dat kan wel')).toBeNull();
  });

  it('steps over fillers between pattern words', () => {
    expect(words('dat kan niet', 'dat kan eh niet')).toBe('dat kan eh niet');
    expect(words('dat kan niet', 'dat kan echt niet')).toBeNull();
  });

  it('never requires the articles de/het/een, which recognisers drop', () => {
    expect(words('de directie vindt', 'directie vindt dat')).toBe('directie vindt');
    // ...but an article that is one of the alternatives is required.
    expect(words('(dat|het) is', 'er is')).toBeNull();
  });

  it('lets a longer phrase miss ONE short function word, never a pronoun or a negation', () => {
    expect(words('ik heb het al gezegd', 'ik heb al gezegd')).toBe('ik heb al gezegd'); // article: optional anyway
    expect(words('dat is niet goed gegaan', 'is niet goed gegaan')).toBe('is niet goed gegaan');
    expect(words('dat is niet goed gegaan', 'niet goed gegaan')).toBeNull(); // two missed
    expect(words('dat is niet goed gegaan', 'dat is goed gegaan')).toBeNull(); // "niet" is never missed
    expect(words('zoals ik al zei', 'zoals u al zei')).toBeNull(); // pronouns carry who said it
    expect(words('klopt dat', 'klopt')).toBeNull(); // too short a phrase to lose a word
  });

  it('supports groups, optional items, prefixes, gaps and numbers', () => {
    expect(words('(ik|we) bel* (u|je) terug', 'we bellen je terug')).toBe('we bellen je terug');
    expect(words('al <num> keer', 'al drie keer gezegd')).toBe('al drie keer');
    expect(words('al <num> keer', 'al 3x gezegd')).toBe('al 3x');
    expect(words('ik _{0,2} belo*', 'ik kan u beloven')).toBe('ik kan u beloven');
    expect(words('ik _{0,1} belo*', 'ik kan u beloven')).toBeNull();
    expect(words('echt? niet waar', 'niet waar')).toBe('niet waar');
  });

  it('anchors at the start and end of the utterance, fillers aside', () => {
    expect(words('verder $', 'Ik zie het. Verder?')).toBe('Verder');
    expect(words('verder $', 'verder eh')).toBe('verder');
    expect(words('verder $', 'verder met de klacht')).toBeNull();
    expect(words('^ nee', 'Eh, nee.')).toBe('nee');
    expect(words('^ nee', 'ik zeg nee')).toBeNull();
  });

  it('resolves word lists, including multi-word entries', () => {
    const node = listNode(['directie', 'het management'], noLists);
    const lists: ListLookup = (n) => (n === 'boven' ? node : undefined);
    expect(words("@boven vindt", "het management vindt", lists)).toBe('het management vindt');
    expect(words("@boven vindt", "de monteur vindt", lists)).toBeNull();
  });

  it('rejects broken patterns with a reason', () => {
    expect(() => compilePattern('(dat kan', noLists)).toThrow(PatternError);
    expect(() => compilePattern('dat | ', noLists)).toThrow(/empty alternative/);
    expect(() => compilePattern('@nope', noLists)).toThrow(/unknown word list @nope/);
    expect(() => compilePattern('de?', noLists)).toThrow(/match nothing/);
    expect(() => compilePattern('ab*', noLists)).toThrow(/too short/);
    expect(() => compilePattern('_{0,20}', noLists)).toThrow(/gap/);
  });

  it('matches one utterance against many patterns, also patterns compiled after it was first looked at', () => {
    // Patterns remember which of their words an utterance has, per utterance: a pattern with
    // words no earlier pattern named must still see them in an utterance already looked at.
    const toks = tokenise('ach, zeurpiet, dat is gewoon kletspraat');
    expect(compilePattern('dat is gewoon', noLists).find(toks)).not.toBeNull();
    expect(compilePattern('zeurpiet', noLists).find(toks)).toEqual({ start: 1, end: 2 });
    expect(compilePattern('gewoon kletspraat', noLists).find(toks)).toEqual({ start: 4, end: 6 });
    expect(compilePattern('dat is onzin', noLists).find(toks)).toBeNull();
    // And the next utterance is judged on its own words, not the last one's.
    expect(compilePattern('zeurpiet', noLists).find(tokenise('dat is gewoon zo'))).toBeNull();
  });
});

describe('recogniser confusions (sound-alike function words, dropped "we")', () => {
  it('lets a pattern word match the function word a recogniser confuses it with', () => {
    expect(words('ik begrijp u', 'ik begrijp je')).toBe('ik begrijp je');
    expect(words('ik begrijp je', 'ik begrijp u')).toBe('ik begrijp u');
    expect(words('over de rekening', 'over het rekening')).toBe('over het rekening');
    expect(words('maak een afspraak', 'maak en afspraak')).toBe('maak en afspraak');
    // in an alternative too
    expect(words('(u|jullie) hoort', 'je hoort')).toBe('je hoort');
  });

  it('does not widen words outside the classes, nor treat dat and wat as one', () => {
    expect(words('dat klopt', 'wat klopt')).toBeNull();
    expect(words('ik begrijp u', 'ik begrijp hem')).toBeNull();
    expect(words('ik begrijp u', 'wij begrijpen u')).toBeNull();
  });

  it('lets a pattern\'s "dat" take "wat" inside a match only, and never a pattern\'s "wat" take "dat"', () => {
    expect(words('ik hoor dat u boos bent', 'ik hoor wat u boos bent')).toBe('ik hoor wat u boos bent');
    expect(words('dat klopt', 'wat klopt')).toBeNull();
    expect(words('sorry wat zei u', 'sorry dat zei u')).toBeNull();
  });

  it('keeps an article that the author made a choice required, even through its sound-alike', () => {
    expect(words('(dat|het) is', 'er is')).toBeNull();
    expect(words('(dat|het) is', 'de is')).toBe('de is');
  });

  it('may do without one "we" in a phrase of three words, and one "ik"/"u"/"je" only from four', () => {
    expect(words('we gaan uitzoeken', 'gaan uitzoeken')).toBe('gaan uitzoeken');
    expect(words('ik zoek uit', 'zoek uit')).toBeNull();
    expect(words('ik zoek het voor u uit', 'ik zoek het voor uit')).toBe('ik zoek het voor uit');
    // a group keeps its words together: "(zoals ik)" never loses its "ik"
    expect(words('(zoals ik) u al zei', 'zoals u al zei')).toBeNull();
    expect(words('zoals ik u al zei', 'zoals u al zei')).toBe('zoals u al zei');
  });

  it('spends the one repair of a match on a sound-alike, so a sound-alike and a missed word never add up', () => {
    expect(words('ik weet al dat u boos bent', 'ik weet al wat u boos bent')).toBe('ik weet al wat u boos bent');
    expect(words('ik weet al dat u boos bent', 'weet al dat u boos bent')).toBe('weet al dat u boos bent');
    expect(words('ik weet al dat u boos bent', 'weet al wat u boos bent')).toBeNull();
  });
});
