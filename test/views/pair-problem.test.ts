// What the tablet says when pairing did not work (issue 14): a reason for every case, in both
// languages, with the typo spelled out when the code itself is malformed.
import { describe, expect, it } from 'vitest';
import type { PairingProblem } from '../../renderer/session-client/types.ts';
import { LANGS } from '../../renderer/views/i18n/strings.ts';
import { pairProblemText } from '../../renderer/views/tablet/pair-problem.ts';

const ALL: PairingProblem[] = [
  { kind: 'mistyped' }, { kind: 'mistyped', typo: { kind: 'length', got: 20, expected: 25 } }, { kind: 'mistyped', typo: { kind: 'character', char: 'U' } },
  { kind: 'expired' }, { kind: 'used' }, { kind: 'refused' }, { kind: 'timeout' }, { kind: 'busy' }, { kind: 'connection' }, { kind: 'failed' },
];

describe('pairing problems on the tablet', () => {
  it('gives each problem its own sentence in every language, with nothing left unfilled', () => {
    for (const lang of LANGS) {
      const texts = ALL.map((p) => pairProblemText(lang, p));
      expect(new Set(texts).size).toBe(ALL.length);
      for (const t of texts) expect(t).not.toMatch(/\{\w+\}/);
    }
  });

  it('says what was wrong with a malformed code, in Dutch by default', () => {
    expect(pairProblemText('nl', { kind: 'mistyped', typo: { kind: 'length', got: 20, expected: 25 } })).toBe(
      'Een koppelcode heeft 25 tekens; je typte er 20. Kijk of er een teken ontbreekt of te veel is.');
    expect(pairProblemText('nl', { kind: 'mistyped', typo: { kind: 'character', char: 'U' } })).toMatch(/^"U" komt niet voor in een koppelcode/);
    expect(pairProblemText('nl', null)).toBe('Koppelen is niet gelukt.');
  });
});
