// Dutch copy of the review screens, and formatting helpers. Behaviour names come from the shared
// catalogue so the screens use the guide's own words.
import { BEHAVIOURS, type BehaviourId } from './contracts.ts';

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
  tipShown: 'Tip getoond',
  tipHeld: 'Tip niet getoond',
  acknowledged: 'Gezien door medewerker',
  notAcknowledged: 'Niet bevestigd',
  markedBy: (verdict: 'right' | 'wrong', who: string) => `${verdict === 'right' ? 'Terecht' : 'Onterecht'} volgens ${who}`,
  trendsTitle: 'Aandachtspunten per week (per gesprek)',
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

export function behaviourName(id: string): string {
  return BEHAVIOURS.get(id as BehaviourId)?.name ?? id;
}

export const BEHAVIOUR_OPTIONS: { id: BehaviourId; name: string; helpful: boolean }[] = [...BEHAVIOURS.values()]
  .map((b) => ({ id: b.id, name: b.name, helpful: b.helpful }))
  .sort((a, b) => Number(a.helpful) - Number(b.helpful) || a.name.localeCompare(b.name, 'nl'));

/** Call-relative ms as m:ss. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });
export const formatDateTime = (epochMs: number): string => dateTime.format(new Date(epochMs));
export const formatWeek = (isoMonday: string): string =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoMonday}T00:00:00Z`));
export const percent = (share: number | null): string => (share === null ? '–' : `${Math.round(share * 100)}%`);
