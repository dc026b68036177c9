import { describe, expect, it } from 'vitest';
import { phrase, parseMarker } from '../../../main/rules/types/phrase.ts';
import type { RuleHeader } from '../../../main/rules/schema.ts';
import type { BuiltRule, FieldIssue, PriorUtterance } from '../../../main/rules/types/rule-type.ts';
import { tokenise } from '../../../main/rules/normalise.ts';

const header: RuleHeader = {
  id: 'test-rule', behaviour: 'nee_verkopen', type: 'phrase', severity: 'medium',
  tip: 'Zeg wat wel kan.', headline: 'Zeg wat wel kan', say: 'Wat ik wel kan doen, is dit.', enabled: true, yieldsTo: [],
};
const lists = { lists: () => undefined };

function build(params: Record<string, unknown>, examples: unknown = { fire: ['[dat kan niet]'], pass: ['ok'] }): BuiltRule {
  const built = phrase.build(header, params, examples, lists);
  if (Array.isArray(built)) throw new Error(JSON.stringify(built));
  return built;
}

function words(rule: BuiltRule, text: string): string | null {
  if (rule.kind !== 'text') throw new Error('phrase is a text type');
  const toks = tokenise(text);
  const m = rule.runtime.match(toks);
  return m ? text.slice(toks[m.start]!.startChar, toks[m.end - 1]!.endChar) : null;
}

describe('phrase rule type', () => {
  it('is a text type', () => {
    expect(phrase.kind).toBe('text');
  });

  it('fires on any of its patterns and reports the leftmost words', () => {
    const rule = build({ patterns: ['gaat niet', 'dat kan niet'] });
    expect(words(rule, 'Nee, dat kan niet, dat gaat niet.')).toBe('dat kan niet');
    expect(words(rule, 'Dat kan wel.')).toBeNull();
  });

  it('lists each pattern\'s gate words, and tries only the patterns the engine leaves open', () => {
    const rule = build({ patterns: ['gaat niet', 'dat kan niet'] });
    if (rule.kind !== 'text') throw new Error('phrase is a text type');
    expect(rule.runtime.alternativeGates?.map((g) => [...g!].sort())).toEqual([['gaat'], ['kan']]);
    const toks = tokenise('Nee, dat kan niet, dat gaat niet.');
    const spoken = (m: { start: number; end: number } | null): string | null => (m ? toks.slice(m.start, m.end).map((t) => t.norm).join(' ') : null);
    expect(spoken(rule.runtime.examine!(toks, Uint8Array.of(1, 1, 0), 1).match)).toBe('gaat niet');
    expect(spoken(rule.runtime.examine!(toks, Uint8Array.of(0, 1)).match)).toBe('dat kan niet');
    expect(rule.runtime.examine!(toks, Uint8Array.of(1, 0, 0), 1).match).toBeNull();
  });

  it('honours an exception after the match ("no" followed by an alternative)', () => {
    const rule = build({ patterns: ['dat kan niet'], unless: [{ pattern: 'wat wel kan', where: 'after', withinWords: 6 }] });
    expect(words(rule, 'Dat kan niet, maar wat wel kan is maandag.')).toBeNull();
    expect(words(rule, 'Dat kan niet. Ik heb het u al gezegd, helaas, echt waar, wat wel kan weet ik niet.')).toBe('Dat kan niet');
  });

  it('honours an exception before the match (quoting someone) and anywhere in the utterance', () => {
    const rule = build({
      patterns: ['valt mee'],
      unless: [{ pattern: 'zei dat', where: 'before', withinWords: 3 }, 'niet goed overgekomen'],
    });
    expect(words(rule, 'Mijn collega zei dat het meevalt')).toBeNull();
    expect(words(rule, 'Mijn collega zei dat het valt mee')).toBeNull();
    expect(words(rule, 'Het valt mee, dat is niet goed overgekomen')).toBeNull();
    expect(words(rule, 'Ach, dat valt mee hoor')).toBe('valt mee');
  });

  it('looks past an excepted match to a later one that is not excepted', () => {
    const rule = build({ patterns: ['kan niet'], unless: [{ pattern: 'maar wel', where: 'after', withinWords: 2 }] });
    expect(words(rule, 'dit kan niet maar wel dat, en dat kan niet')).toBe('kan niet');
  });

  it('needs every alsoNeeds pattern somewhere in the utterance', () => {
    const rule = build({ patterns: ['kan ik niet'], alsoNeeds: ['wel'] });
    expect(words(rule, 'Vijftig euro kan ik niet geven. Wel een bon.')).toBe('kan ik niet');
    expect(words(rule, 'Vijftig euro kan ik niet geven.')).toBeNull();
  });

  it('with repeat, confirms only after earlier matches in the call', () => {
    const rule = build({ patterns: ['u heeft gelijk'], repeat: { times: 2, withinUtterances: 3 } });
    if (rule.kind !== 'text') throw new Error('text');
    const seen = (matched: boolean): PriorUtterance => ({ startMs: 0, endMs: 1, matched: new Set(matched ? ['test-rule'] : []) });
    expect(rule.runtime.confirm!([])).toBe(false);
    expect(rule.runtime.confirm!([seen(true)])).toBe(true);
    expect(rule.runtime.confirm!([seen(true), seen(false), seen(false), seen(false)])).toBe(false);
  });

  it('reports schema problems with the field path', () => {
    const issues = phrase.build(header, { patterns: [], unles: [] }, { fire: [], pass: ['x'] }, lists) as FieldIssue[];
    expect(issues).toContainEqual(expect.objectContaining({ path: ['patterns'] }));
    expect(issues).toContainEqual({ path: ['unles'], message: 'unknown field (a typo?)' });
    expect(issues).toContainEqual(expect.objectContaining({ path: ['examples', 'fire'] }));
  });

  it('reports a broken exception pattern at its own path', () => {
    const issues = phrase.build(header, { patterns: ['x y'], unless: ['ok', { pattern: '(broken' }] }, { fire: ['[x y]'], pass: ['z'] }, lists) as FieldIssue[];
    expect(issues).toEqual([{ path: ['unless', 1, 'pattern'], message: 'pattern "(broken": missing ")"' }]);
  });

  it('checks its examples: fire at the marked words, pass never fires', () => {
    const ok = build({ patterns: ['dat kan niet'] }, { fire: ['Nee, [dat kan niet].'], pass: ['Dat kan wel.'] });
    expect(ok.checkExamples()).toEqual([]);
    const bad = build({ patterns: ['dat kan niet'] }, { fire: ['[Nee], dat kan niet.', 'geen marker', 'dat gaat niet [x]'], pass: ['dat kan niet'] });
    expect(bad.checkExamples().map((f) => f.path.join('.'))).toEqual([
      'examples.fire.0', 'examples.fire.1', 'examples.fire.2', 'examples.pass.0',
    ]);
  });

  it('parses the example marker', () => {
    expect(parseMarker('Ja, [de directie] vindt')).toEqual({ text: 'Ja, de directie vindt', startChar: 4, endChar: 15 });
    expect(parseMarker('geen marker')).toBeNull();
    expect(parseMarker('[twee] [markers]')).toBeNull();
  });
});
