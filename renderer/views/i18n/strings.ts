// Every word the views show, in one place. Dutch is the default; English is available.
// Copy rules: short, calm, about what was said or done (words and timing), never an emotion or a
// judgement of the agent or the customer (EU AI Act art. 5(1)(f); DESIGN.md, Privacy).
import type { BehaviourId } from '../shared/contracts.ts';

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

const nl = {
  'app.title.overlay': 'Klachtcoach',
  'app.title.tablet': 'Klachtcoach',
  'app.title.summary': 'Jouw gesprek',
  'app.title.capture': 'Klachtcoach: geluid',

  'capture.on': 'Luistert',
  'capture.paused': 'Gepauzeerd',
  'capture.off': 'Uit',
  'capture.pause': 'Pauze',
  'capture.resume': 'Hervat',

  'talk.agent': 'Jij',
  'talk.customer': 'Klant',
  'talk.share': 'Jouw spreektijd',
  'talk.shareUnknown': 'nog niet bekend',

  'tip.none': 'Geen tip. Luister naar de klant.',
  'tip.seen': 'Gezien',
  'tip.try': 'Probeer',
  'tip.wentWell': 'Goed gedaan',
  'tip.ack': 'Begrepen',
  'tip.dismiss': 'Niet nu',

  'history.title': 'Eerder in dit gesprek',
  'history.empty': 'Nog geen tips in dit gesprek.',
  'history.acked': 'begrepen',

  'status.connecting': 'Verbinden…',
  'status.reconnecting': 'Verbinding weg, opnieuw verbinden…',
  'status.awaiting-approval': 'Accepteer dit apparaat op je computer.',
  'status.revoked': 'Dit apparaat is ontkoppeld. Koppel opnieuw om tips te zien.',
  'status.refused': 'Koppelen is niet gelukt.',
  'status.closed': 'Verbinding gesloten.',

  'pair.title': 'Koppel dit apparaat',
  'pair.explain': 'Scan de QR-code op je computer, of typ de code die daar staat.',
  'pair.codeLabel': 'Koppelcode',
  'pair.submit': 'Koppelen',
  'pair.privacy': 'Dit apparaat krijgt alleen tips, nooit wat er gezegd is.',
  'pair.request': '"{name}" wil koppelen',
  'pair.compare': 'Staat op dat apparaat de code {code}? Accepteer alleen een apparaat dat je zelf vasthoudt.',
  'pair.accept': 'Ja, accepteren',
  'pair.refuse': 'Nee, weigeren',
  'pair.confirmTitle': 'Vergelijk deze code met je computer',
  'pair.confirmExplain': 'Staat op je computer dezelfde code? Accepteer dit apparaat dan daar. Staat er een andere code, weiger het dan.',
  'pair.problem.mistyped': 'Je computer kent deze code niet. Kijk of je hem goed hebt overgetypt, of vraag een nieuwe code.',
  'pair.problem.length': 'Een koppelcode heeft {expected} tekens; je typte er {got}. Kijk of er een teken ontbreekt of te veel is.',
  'pair.problem.character': '"{char}" komt niet voor in een koppelcode. Kijk of je dat teken goed hebt overgetypt.',
  'pair.problem.expired': 'Deze code is verlopen: een code werkt 2 minuten. Vraag op je computer een nieuwe code.',
  'pair.problem.used': 'Deze code is al gebruikt: een code koppelt één apparaat. Vraag op je computer een nieuwe code.',
  'pair.problem.refused': 'Het koppelen is op je computer geweigerd.',
  'pair.problem.timeout': 'Er is op je computer niet op tijd geaccepteerd. Vraag een nieuwe code en probeer het opnieuw.',
  'pair.problem.busy': 'Te veel pogingen achter elkaar. Wacht een minuut en probeer het opnieuw.',
  'pair.problem.connection': 'De verbinding viel weg tijdens het koppelen. Vraag een nieuwe code en probeer het opnieuw.',
  'pair.problem.failed': 'Het antwoord past niet bij de code. Koppel alleen met je eigen computer, met een nieuwe code.',

  'summary.title': 'Je gesprek in het kort',
  'summary.duration': 'Duur',
  'summary.wentWell': 'Wat goed ging',
  'summary.wentWellNone': 'Deze keer geen momenten herkend. Dat zegt niet dat het niet goed ging.',
  'summary.tryNext': 'Eén ding voor de volgende keer',
  'summary.tryNextNone': 'Geen verbeterpunt uit dit gesprek. Ga zo door.',
  'summary.talkShare': 'Jouw spreektijd',
  'summary.talkShareHint': 'Bij een klacht helpt het als de klant het meeste praat.',
  'summary.waiting': 'De samenvatting verschijnt hier na het gesprek.',
  'summary.times': '{n}×',
  'summary.private': 'Alleen voor jou.',
  'summary.turns': 'Wie sprak wanneer',
  'turns.overlap': 'Tegelijk',
  'turns.describe': 'Wie sprak wanneer: jij {agent} s, de klant {customer} s, {overlaps} keer tegelijk',

  'capture.agentMic': 'Jouw microfoon',
  'capture.customerSource': 'Geluid van de klant',
  'capture.none': 'Geen (alleen jouw microfoon)',
  'capture.default': 'Standaard',
  'capture.start': 'Start',
  'capture.stop': 'Stop',
  'capture.frames': 'Verzonden: {n} stukjes van 32 ms',
  'capture.customerNote': 'Van de klant wordt alleen gemeten wanneer er gesproken wordt; het wordt niet uitgeschreven.',
  'capture.permission': 'Geef toegang tot de microfoon om te beginnen.',
  'capture.error': 'Geluid opnemen lukt niet: {detail}',

  'lang.switch': 'English',
} as const;

export type StringKey = keyof typeof nl;

const en: Record<StringKey, string> = {
  'app.title.overlay': 'Complaint coach',
  'app.title.tablet': 'Complaint coach',
  'app.title.summary': 'Your call',
  'app.title.capture': 'Complaint coach: audio',

  'capture.on': 'Listening',
  'capture.paused': 'Paused',
  'capture.off': 'Off',
  'capture.pause': 'Pause',
  'capture.resume': 'Resume',

  'talk.agent': 'You',
  'talk.customer': 'Customer',
  'talk.share': 'Your talk time',
  'talk.shareUnknown': 'not known yet',

  'tip.none': 'No tip. Listen to the customer.',
  'tip.seen': 'Noticed',
  'tip.try': 'Try',
  'tip.wentWell': 'Well done',
  'tip.ack': 'Got it',
  'tip.dismiss': 'Not now',

  'history.title': 'Earlier in this call',
  'history.empty': 'No tips in this call yet.',
  'history.acked': 'got it',

  'status.connecting': 'Connecting…',
  'status.reconnecting': 'Connection lost, reconnecting…',
  'status.awaiting-approval': 'Accept this device on your computer.',
  'status.revoked': 'This device was unpaired. Pair again to see tips.',
  'status.refused': 'Pairing did not work.',
  'status.closed': 'Connection closed.',

  'pair.title': 'Pair this device',
  'pair.explain': 'Scan the QR code on your computer, or type the code shown there.',
  'pair.codeLabel': 'Pairing code',
  'pair.submit': 'Pair',
  'pair.privacy': 'This device only gets tips, never what was said.',
  'pair.request': '"{name}" wants to pair',
  'pair.compare': 'Does that device show the code {code}? Accept only a device you are holding.',
  'pair.accept': 'Yes, accept',
  'pair.refuse': 'No, refuse',
  'pair.confirmTitle': 'Compare this code with your computer',
  'pair.confirmExplain': 'Does your computer show the same code? Then accept this device there. If it shows another code, refuse it.',
  'pair.problem.mistyped': 'Your computer does not know this code. Check that you copied it correctly, or ask for a new code.',
  'pair.problem.length': 'A pairing code has {expected} characters; you typed {got}. Check for a missing or extra character.',
  'pair.problem.character': '"{char}" does not occur in a pairing code. Check that you copied that character correctly.',
  'pair.problem.expired': 'This code has expired: a code works for 2 minutes. Ask your computer for a new code.',
  'pair.problem.used': 'This code was already used: a code pairs one device. Ask your computer for a new code.',
  'pair.problem.refused': 'Pairing was refused on your computer.',
  'pair.problem.timeout': 'Nobody accepted on your computer in time. Ask for a new code and try again.',
  'pair.problem.busy': 'Too many attempts in a row. Wait a minute and try again.',
  'pair.problem.connection': 'The connection dropped while pairing. Ask for a new code and try again.',
  'pair.problem.failed': 'The answer does not fit the code. Pair only with your own computer, using a new code.',

  'summary.title': 'Your call in short',
  'summary.duration': 'Length',
  'summary.wentWell': 'What went well',
  'summary.wentWellNone': 'No moments recognised this time. That does not mean it went badly.',
  'summary.tryNext': 'One thing to try next time',
  'summary.tryNextNone': 'Nothing to work on from this call. Keep it up.',
  'summary.talkShare': 'Your talk time',
  'summary.talkShareHint': 'In a complaint call it helps when the customer does most of the talking.',
  'summary.waiting': 'The summary appears here after the call.',
  'summary.times': '{n}×',
  'summary.private': 'Only for you.',
  'summary.turns': 'Who spoke when',
  'turns.overlap': 'At the same time',
  'turns.describe': 'Who spoke when: you {agent} s, the customer {customer} s, {overlaps} times at the same time',

  'capture.agentMic': 'Your microphone',
  'capture.customerSource': 'Customer audio',
  'capture.none': 'None (your microphone only)',
  'capture.default': 'Default',
  'capture.start': 'Start',
  'capture.stop': 'Stop',
  'capture.frames': 'Sent: {n} chunks of 32 ms',
  'capture.customerNote': 'The customer channel is only measured for when someone speaks; it is not transcribed.',
  'capture.permission': 'Allow microphone access to begin.',
  'capture.error': 'Cannot capture audio: {detail}',

  'lang.switch': 'Nederlands',
};

/**
 * Short, neutral labels for the behaviours, describing words or timing only. The catalogue's own
 * names (rules/behaviours.json) include emotion words, so the views never show those.
 */
const behaviourLabels: Record<Lang, Record<BehaviourId, string>> = {
  nl: {
    afgeleid: 'Aandacht elders',
    bagatelliseren: 'Het probleem klein maken',
    onderbreken: 'Onderbreken',
    verdedigen: 'In discussie gaan',
    ongeduldig: 'Haast maken',
    eromheen_draaien: 'Om de zaak heen praten',
    nee_verkopen: 'Zeggen wat niet kan',
    verwijten: 'Een verwijt maken',
    betweterig: 'Procedures uitleggen',
    betuttelen: 'Voor de klant invullen',
    loze_belofte: 'Iets beloven wat onzeker is',
    verschuilen: 'Verschuilen achter de organisatie',
    altijd_meegaand: 'Geen grens aangeven',
    monoloog: 'Lang aan het woord',
    geen_stilte: 'Geen stilte laten',
    stilte_zonder_uitleg: 'Stilte zonder uitleg',
    aandacht: 'Volle aandacht',
    begrip_tonen: 'Begrip tonen',
    open_voor_kritiek: 'Open voor kritiek',
    uit_laten_praten: 'Laten uitpraten',
    rustig_blijven: 'Rustig tempo',
    duidelijke_taal: 'Duidelijke taal',
    samenvatten_toetsen: 'Samenvatten en toetsen',
    doorvragen: 'Open doorvragen',
    eigenaarschap: 'Verantwoordelijkheid nemen',
    vervolgstappen: 'Vervolgstappen noemen',
    opties_bieden: 'Opties bieden',
    vastleggen: 'Afspraken vastleggen',
    grenzen_stellen: 'Een grens aangeven',
  },
  en: {
    afgeleid: 'Attention elsewhere',
    bagatelliseren: 'Playing the problem down',
    onderbreken: 'Interrupting',
    verdedigen: 'Arguing back',
    ongeduldig: 'Rushing',
    eromheen_draaien: 'Talking around it',
    nee_verkopen: "Saying what can't be done",
    verwijten: 'Blaming',
    betweterig: 'Explaining procedures',
    betuttelen: 'Deciding for the customer',
    loze_belofte: 'Promising the uncertain',
    verschuilen: 'Hiding behind the organisation',
    altijd_meegaand: 'No limit set',
    monoloog: 'Talking at length',
    geen_stilte: 'No room for silence',
    stilte_zonder_uitleg: 'Silence unexplained',
    aandacht: 'Full attention',
    begrip_tonen: 'Showing understanding',
    open_voor_kritiek: 'Open to criticism',
    uit_laten_praten: 'Letting the customer finish',
    rustig_blijven: 'Steady pace',
    duidelijke_taal: 'Plain language',
    samenvatten_toetsen: 'Summarising and checking',
    doorvragen: 'Asking open questions',
    eigenaarschap: 'Taking ownership',
    vervolgstappen: 'Naming next steps',
    opties_bieden: 'Offering options',
    vastleggen: 'Recording agreements',
    grenzen_stellen: 'Setting a limit',
  },
};

const tables: Record<Lang, Record<StringKey, string>> = { nl, en };

export function translate(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function behaviourLabel(lang: Lang, id: BehaviourId): string {
  return behaviourLabels[lang][id];
}

/** For tests: every string a view can show, per language. */
export function allCopy(lang: Lang): string[] {
  return [...Object.values(tables[lang]), ...Object.values(behaviourLabels[lang])];
}

/** ?lang=en in the page URL, else a saved choice, else Dutch. */
export function initialLang(search: string, saved: string | null): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'nl') return fromUrl;
  return saved === 'en' ? 'en' : 'nl';
}
