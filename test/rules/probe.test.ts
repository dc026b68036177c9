// The coordinator's probe of the rule set before the generalisation pass: seven lines as agents say
// them, none written to match a pattern. Each was missed or misread then; each names one behaviour,
// and the exact set of behaviours is asserted so a wrong praise (grenzen_stellen) counts as a failure.
// One exception: a refusal put on a manager is also a "no" sold, as the corpus labels it (96 of its
// 243 verschuilen lines are nee_verkopen too), so the scorer may add nee_verkopen there.
import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../../main/rules/engine.ts';
import { recogniserStyle } from '../../main/rules/normalise.ts';

const engine = RuleEngine.fromDir('rules');
const behaviours = (text: string): string[] => engine.analyzeUtterance({ startMs: 0, endMs: 1000, text }).map((f) => f.behaviour).sort();

const PROBE: ReadonlyArray<readonly [string, string, string?]> = [
  ['Dat mag ik niet doen van mijn leidinggevende', 'verschuilen', 'nee_verkopen'],
  ['U overdrijft een beetje', 'bagatelliseren'],
  ["Ach, zo'n vaart zal het niet lopen", 'bagatelliseren'],
  ['We gaan er eens naar kijken', 'eromheen_draaien'],
  ['Ik zet het even in het systeem zodat mijn collega het ook ziet', 'vastleggen'],
  ['Dat is nou eenmaal zo geregeld bij ons', 'betweterig'],
  ['Ik kan u niet helpen', 'nee_verkopen'],
];

describe("the coordinator's probe lines", () => {
  for (const [text, behaviour, alsoAllowed] of PROBE) {
    it(`"${text}" is ${behaviour} and nothing else${alsoAllowed ? ` (${alsoAllowed} allowed)` : ''}, also as the recogniser writes it`, () => {
      for (const said of [text, recogniserStyle(text)]) {
        const found = behaviours(said);
        expect(found).toContain(behaviour);
        expect(found.filter((b) => b !== behaviour && b !== alsoAllowed)).toEqual([]);
      }
    });
  }
});
