// The coordinator's probe of the rule set before the generalisation pass: seven lines as agents say
// them, none written to match a pattern. Each was missed or misread then; each names one behaviour,
// and the exact set of behaviours is asserted so a wrong praise (grenzen_stellen) counts as a failure.
import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../main/rules/engine.ts';
import { recogniserStyle } from '../../main/rules/normalise.ts';

const engine = RuleEngine.fromDir('rules');
const behaviours = (text: string): string[] => engine.analyzeUtterance({ startMs: 0, endMs: 1000, text }).map((f) => f.behaviour).sort();

const PROBE: ReadonlyArray<readonly [string, string]> = [
  ['Dat mag ik niet doen van mijn leidinggevende', 'verschuilen'],
  ['U overdrijft een beetje', 'bagatelliseren'],
  ["Ach, zo'n vaart zal het niet lopen", 'bagatelliseren'],
  ['We gaan er eens naar kijken', 'eromheen_draaien'],
  ['Ik zet het even in het systeem zodat mijn collega het ook ziet', 'vastleggen'],
  ['Dat is nou eenmaal zo geregeld bij ons', 'betweterig'],
  ['Ik kan u niet helpen', 'nee_verkopen'],
];

describe("the coordinator's probe lines", () => {
  for (const [text, behaviour] of PROBE) {
    it(`"${text}" is ${behaviour} and nothing else, also as the recogniser writes it`, () => {
      expect(behaviours(text)).toEqual([behaviour]);
      expect(behaviours(recogniserStyle(text))).toEqual([behaviour]);
    });
  }
});
