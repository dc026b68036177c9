import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { measureWordErrorRate, NOISE_LEVELS, recogniserTwin, recogniserWords, wordEditDistance } from '../../main/rules/recogniser-noise.ts';

const lines = readFileSync('test/rules/fixtures/heldout-c.jsonl', 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { id: string; text: string });

describe('recogniser noise model', () => {
  it('writes like a recogniser: lower case, no punctuation, no hesitations', () => {
    const twin = recogniserTwin('Eh, DAT is... nou ja, héél vervelend!', 'x', { name: 'none', wordErrorRate: 0 });
    expect(twin).toBe('dat is nou ja héél vervelend');
  });

  it('gives a line the same twin every time, whatever else is in the set', () => {
    const a = recogniserTwin(lines[3]!.text, lines[3]!.id, NOISE_LEVELS.asrHeavy);
    expect(recogniserTwin(lines[3]!.text, lines[3]!.id, NOISE_LEVELS.asrHeavy)).toBe(a);
    const others = lines.map((l) => recogniserTwin(l.text, `${l.id}-other`, NOISE_LEVELS.asrHeavy));
    expect(others.filter((t, i) => t !== recogniserTwin(lines[i]!.text, lines[i]!.id, NOISE_LEVELS.asrHeavy)).length).toBeGreaterThan(10);
  });

  it('reaches about 5 % and 20 % word error on held-out lines it was not calibrated on', () => {
    for (const [level, [low, high]] of [[NOISE_LEVELS.asr, [0.03, 0.075]], [NOISE_LEVELS.asrHeavy, [0.15, 0.26]]] as const) {
      const wer = measureWordErrorRate(lines.map((l) => ({ text: l.text, twin: recogniserTwin(l.text, l.id, level) })));
      expect(wer, level.name).toBeGreaterThan(low);
      expect(wer, level.name).toBeLessThan(high);
    }
  });

  it('makes the errors Dutch phone recognisers make: sound-alikes, dropped short words, compounds', () => {
    const heavy = lines.map((l) => ({ ref: recogniserWords(l.text), hyp: recogniserTwin(l.text, l.id, NOISE_LEVELS.asrHeavy).split(' ') }));
    const swapped = (a: string, b: string): boolean => heavy.some(({ ref, hyp }) => ref.includes(a) && !ref.includes(b) && hyp.includes(b));
    expect(swapped('de', 'het') || swapped('het', 'de')).toBe(true);
    expect(swapped('dat', 'wat') || swapped('u', 'uw')).toBe(true);
    expect(heavy.some(({ ref, hyp }) => hyp.length < ref.length)).toBe(true);
    expect(heavy.some(({ ref, hyp }) => hyp.length > ref.length)).toBe(true);
  });

  it('counts word edits', () => {
    expect(wordEditDistance(['a', 'b', 'c'], ['a', 'c'])).toBe(1);
    expect(wordEditDistance(['a', 'b'], ['x', 'b', 'y'])).toBe(2);
    expect(wordEditDistance([], ['x'])).toBe(1);
  });
});
