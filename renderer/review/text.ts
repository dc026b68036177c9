// Dutch copy of the review screens. Behaviour names come from the catalogue (one Dutch name per
// behaviour on every screen and in the CSV); numbers, times and dates from renderer/shared/format.
import { BEHAVIOURS, behaviourLabel, LOW_CONFIDENCE, type BehaviourId, type ReviewFinding, type Severity } from './contracts.ts';
import { clock, decimal } from '../shared/format.ts';
import { notShownLine } from '../shared/held-reasons.ts';

export const T = {
  appTitle: 'Klachtcoach · terugkijken',
  signInTitle: 'Inloggen voor leidinggevenden',
  username: 'Gebruikersnaam',
  password: 'Wachtwoord',
  signIn: 'Inloggen',
  signOut: 'Uitloggen',
  calls: 'Gesprekken',
  trends: 'Trends',
  from: 'Van',
  to: 'Tot en met',
  agent: 'Medewerker',
  behaviour: 'Gedrag',
  all: 'Alle',
  exportCsv: 'CSV exporteren',
  noCalls: 'Geen gesprekken gevonden met deze filters.',
  started: 'Begin',
  duration: 'Duur',
  ongoing: 'loopt nog',
  talkShare: 'Spreektijd medewerker',
  flags: 'Aandachtspunten',
  praise: 'Goed gedaan',
  marked: 'Beoordeeld',
  previous: 'Vorige',
  next: 'Volgende',
  back: '← Terug naar de lijst',
  timeline: 'Tijdlijn',
  wordsAround: 'Woorden van de medewerker rond dit moment',
  wordsGone: '(tekst verwijderd na de bewaartermijn)',
  noWords: 'Geen woorden van de medewerker bewaard rond dit moment.',
  markRight: 'Terecht',
  markWrong: 'Onterecht',
  comment: 'Opmerking',
  save: 'Opslaan',
  clear: 'Beoordeling wissen',
  saved: 'Opgeslagen',
  severity: 'Ernst',
  lowConfidence: 'lagere zekerheid',
  lowConfidenceCount: 'Lagere zekerheid',
  cardWords: 'Tip',
  agentReply: 'Reactie van de medewerker',
  rule: 'regel',
  markedBy: (verdict: 'right' | 'wrong', who: string) => `${verdict === 'right' ? 'Terecht' : 'Onterecht'} volgens ${who}`,
  trendsTitle: 'Aandachtspunten per week (per gesprek)',
  noCallsThatWeek: 'geen gesprekken',
  weeks: 'Weken',
  callsPerWeek: 'gesprekken',
  noTrends: 'Nog geen bevindingen in deze periode.',
  privacyNote: 'Alleen woorden en timing van de medewerker; geen audio, geen emotieherkenning. Teksten worden na de bewaartermijn gewist.',
  timingSource: 'Timing (wie spreekt wanneer)',
  turnsTitle: 'Wie sprak wanneer (alleen timing, geen woorden)',
  turns: {
    agent: 'Medewerker',
    customer: 'Klant',
    overlap: 'Tegelijk',
    describe: (agent: number, customer: number, overlaps: number) => `Wie sprak wanneer: medewerker ${agent} s, klant ${customer} s, ${overlaps} keer tegelijk`,
  },
  textSource: 'Woorden',
  sessionExpired: 'Je sessie is verlopen. Log opnieuw in.',
} as const;


/** The catalogue's Dutch name; an id the catalogue does not know (a newer desktop's) as itself. */
export const behaviourName = behaviourLabel;

export const BEHAVIOUR_OPTIONS: { id: BehaviourId; name: string; helpful: boolean }[] = [...BEHAVIOURS.values()]
  .map((b) => ({ id: b.id, name: b.label, helpful: b.helpful }))
  .sort((a, b) => Number(a.helpful) - Number(b.helpful) || a.name.localeCompare(b.name, 'nl'));

const SEVERITY_NAMES: Record<Severity, string> = { info: 'ter info', low: 'laag', medium: 'middel', high: 'hoog' };

export const severityName = (severity: Severity): string => SEVERITY_NAMES[severity];

/** A call's length as m:ss; a call still running (serve records as it goes) says so, not "–". */
export function callDuration(call: { startedAtMs: number; endedAtMs: number | null }): string {
  return call.endedAtMs === null ? T.ongoing : clock(call.endedAtMs - call.startedAtMs);
}

/** What happened live, in one line: "Live getoond · Niet nu", "Niet live getoond: lagere zekerheid (0,31)". */
export function liveStory(f: ReviewFinding): string {
  if (f.heldReason === LOW_CONFIDENCE) {
    return `Niet live getoond: ${T.lowConfidence}${f.confidence == null ? '' : ` (${decimal(f.confidence, 2)})`}`;
  }
  if (!f.shown) return notShownLine(f.heldReason ?? null);
  const outcome = f.tipOutcome ?? (f.acknowledged ? 'acknowledged' : null);
  return outcome ? `Live getoond · ${OUTCOMES[outcome]}` : 'Live getoond';
}

const OUTCOMES: Record<NonNullable<ReviewFinding['tipOutcome']>, string> = {
  acknowledged: 'Begrepen', dismissed: 'Niet nu', expired: 'verdween zonder reactie', replaced: 'vervangen door een andere tip',
};
