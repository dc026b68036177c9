// The behaviour catalogue of the guide "Helpend en Niet-helpend gedrag bij Klachtenmanagement".
// rules/behaviours.json holds every entry of ../shared/eval/behaviours.json unchanged, plus the few
// behaviours that come from contact-centre practice rather than the guide, each marked
// `"from": "practice"` (a test keeps it so). The ids below are the closed set every rule, finding
// and evaluation label must use.
import { z } from 'zod';
import catalogue from '../../rules/behaviours.json' with { type: 'json' };

export const UNHELPFUL_IDS = [
  'afgeleid', 'bagatelliseren', 'onderbreken', 'verdedigen', 'ongeduldig', 'eromheen_draaien',
  'nee_verkopen', 'verwijten', 'betweterig', 'betuttelen', 'loze_belofte', 'verschuilen',
  'altijd_meegaand', 'monoloog', 'geen_stilte',
  // From practice, not from the guide:
  'stilte_zonder_uitleg',
] as const;

export const HELPFUL_IDS = [
  'aandacht', 'begrip_tonen', 'open_voor_kritiek', 'uit_laten_praten', 'rustig_blijven',
  'duidelijke_taal', 'samenvatten_toetsen', 'doorvragen', 'eigenaarschap', 'vervolgstappen',
  'opties_bieden', 'vastleggen', 'grenzen_stellen',
] as const;

export const BehaviourId = z.enum([...UNHELPFUL_IDS, ...HELPFUL_IDS]);
export type BehaviourId = z.infer<typeof BehaviourId>;

export type Detectable = 'text' | 'timing' | 'prosody';

export interface Behaviour {
  id: BehaviourId;
  name: string;
  helpful: boolean;
  detect: Detectable[];
  /** For an unhelpful behaviour: the helpful behaviour to suggest instead. */
  counterpart?: BehaviourId;
  /** For a helpful behaviour: the catalogue's short tip. */
  tip?: string;
  /** From contact-centre practice, not from the guide. */
  fromPractice: boolean;
}

const CatalogueEntry = z.object({
  id: BehaviourId,
  name: z.string(),
  detect: z.array(z.enum(['text', 'timing', 'prosody'])),
  helpful: z.union([BehaviourId, z.undefined()]).optional(),
  tip: z.string().optional(),
  /** Absent for the guide's own behaviours. */
  from: z.literal('practice').optional(),
});
const Catalogue = z.object({ unhelpful: z.array(CatalogueEntry), helpful: z.array(CatalogueEntry) });

function loadCatalogue(): Map<BehaviourId, Behaviour> {
  const parsed = Catalogue.parse(catalogue);
  const byId = new Map<BehaviourId, Behaviour>();
  for (const b of parsed.unhelpful) {
    byId.set(b.id, { id: b.id, name: b.name, helpful: false, detect: b.detect, counterpart: b.helpful, fromPractice: b.from === 'practice' });
  }
  for (const b of parsed.helpful) {
    byId.set(b.id, { id: b.id, name: b.name, helpful: true, detect: b.detect, tip: b.tip, fromPractice: b.from === 'practice' });
  }
  return byId;
}

export const BEHAVIOURS: ReadonlyMap<BehaviourId, Behaviour> = loadCatalogue();

export function behaviour(id: BehaviourId): Behaviour {
  const found = BEHAVIOURS.get(id);
  if (!found) throw new Error(`behaviour ${id} is not in rules/behaviours.json`);
  return found;
}
