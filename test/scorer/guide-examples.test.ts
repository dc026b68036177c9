// The guide's own example phrases must fire their behaviour with the shipped rules and model:
// every phrase the catalogue gives for a text-detectable behaviour (rules/behaviours.json: the
// cues of the unhelpful behaviours, the quoted tip of the helpful ones) and the examples.
// Each phrase is checked to be in the catalogue, so this list cannot drift from the guide.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BehaviourId } from '../../main/contracts/behaviours.ts';
import { TEXT_BEHAVIOURS } from '../../main/rules/corpus.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { recogniserStyle } from '../../main/rules/normalise.ts';

const catalogue = readFileSync('rules/behaviours.json', 'utf8');

/** Phrases from the catalogue, as the agent would say them. */
const GUIDE: Partial<Record<BehaviourId, string[]>> = {
  afgeleid: [],
  bagatelliseren: ['dat valt wel mee', 'zo erg is het niet', 'het is maar een lekkage', 'u maakt zich te druk'],
  onderbreken: ['ik weet al wat u wilt zeggen'],
  verdedigen: ['dat is niet waar', 'dat ligt niet aan ons', 'dat is niet onze schuld', 'daar kunnen wij niets aan doen'],
  ongeduldig: ['zoals ik al zei', 'dat heb ik u al drie keer uitgelegd', 'luister nou eens'],
  eromheen_draaien: ['in principe zou het eventueel misschien kunnen'],
  nee_verkopen: ['dat kan niet', 'dat gaat niet lukken', 'dat doen wij niet', 'daar kan ik niets mee'],
  verwijten: ['dat had u moeten weten', 'had u maar eerder gebeld', 'dat staat toch gewoon in de brief'],
  betweterig: ['zo werkt dat nu eenmaal', 'artikel 4 van de algemene huurvoorwaarden'],
  betuttelen: ['als ik u was zou ik', 'u hoeft zich geen zorgen te maken, ik weet wat goed voor u is'],
  loze_belofte: ['ik beloof u dat het morgen opgelost is', 'dat komt gegarandeerd goed', 'de monteur komt zeker vandaag nog'],
  verschuilen: ['het management heeft besloten', 'dat is beleid van hogerhand', 'daar ga ik niet over', 'het systeem laat dat niet toe'],
  altijd_meegaand: ['u heeft helemaal gelijk, wij doen alles wat u wilt'],
  begrip_tonen: ['Ik begrijp dat dit heel vervelend voor u is.'],
  samenvatten_toetsen: [],
  doorvragen: ['Wat is er precies gebeurd?'],
  eigenaarschap: ['Dat is niet goed gegaan, mijn excuses.'],
  opties_bieden: [],
  grenzen_stellen: [],
};

/** The examples, and catalogue fragments made into a sentence an agent says. */
const SAID: [BehaviourId, string][] = [
  ['verschuilen', 'De directie vindt dat niet nodig.'],
  ['verwijten', 'Ja maar dat had u moeten weten.'],
  ['betweterig', 'Wij doen dat zus en zo, dat is de procedure.'],
  ['betweterig', 'Dat gaat volgens de procedure.'],
  ['betuttelen', 'Wat u moet doen is eerst de meter opnemen.'],
  ['bagatelliseren', 'Ach mevrouwtje, dat is toch niet zo erg.'],
  ['afgeleid', 'Sorry, wat zei u?'],
  ['samenvatten_toetsen', 'Als ik u goed begrijp, is de monteur niet gekomen?'],
  ['opties_bieden', 'Wat wel kan is dat ik morgen een monteur stuur.'],
  ['grenzen_stellen', 'Ik help u graag, als u mij laat uitpraten.'],
  // The catalogue gives no phrase for these four; sentences that do what its tip says.
  ['open_voor_kritiek', 'Vertelt u het maar, ik luister.'],
  ['duidelijke_taal', 'Kort gezegd: de monteur komt dinsdag tussen acht en twaalf.'],
  ['vervolgstappen', 'Ik bel u morgen voor twaalf uur terug.'],
  ['vastleggen', 'Ik leg de afspraak vast en stuur u een bevestiging.'],
];

const engine = RuleEngine.fromDir('rules');
const found = (text: string): BehaviourId[] => engine.analyzeUtterance({ startMs: 0, endMs: 1, text }).map((f) => f.behaviour);

describe("the guide's own example phrases", () => {
  it('are all in the catalogue (rules/behaviours.json)', () => {
    for (const phrase of Object.values(GUIDE).flat()) expect(catalogue, phrase).toContain(phrase.replace(/[.?]$/, ''));
  });

  it('cover every text-detectable behaviour', () => {
    const covered = new Set([...Object.entries(GUIDE).filter(([, p]) => p.length > 0).map(([b]) => b), ...SAID.map(([b]) => b)]);
    const uncovered = TEXT_BEHAVIOURS.filter((b) => !covered.has(b));
    expect(uncovered).toEqual([]);
  });

  const all: [BehaviourId, string][] = [...Object.entries(GUIDE).flatMap(([b, phrases]) => phrases.map((p): [BehaviourId, string] => [b as BehaviourId, p])), ...SAID];
  for (const [behaviour, phrase] of all) {
    it(`"${phrase}" fires ${behaviour}, typed and as a recogniser writes it`, () => {
      expect(found(phrase)).toContain(behaviour);
      expect(found(recogniserStyle(phrase))).toContain(behaviour);
    });
  }
});
