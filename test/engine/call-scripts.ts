// Scripted calls for the detector tests: each line's role in the call is labelled, so the tests
// know the truth without listening. Rendered by scripts/make-call.ts (espeak-ng + sox).
import type { CallScript } from '../../scripts/make-call.ts';

const complaint = [
  'Ik bel nu al voor de derde keer over mijn rekening, want er staat weer een bedrag op dat ik helemaal niet herken en niemand legt mij uit waar het vandaan komt.',
  'Vorige week heeft uw collega beloofd dat het zou worden teruggestort, maar er is nog steeds niets gebeurd en ik word er echt moe van.',
  'En dan moet ik ook nog een half uur in de wacht staan voordat ik iemand aan de lijn krijg, dat vind ik gewoon niet normaal meer.',
];

/** Two agent interruptions, one backchannel, one customer interruption, ordinary turns between. */
export const interruptionsCall: CallScript = {
  name: 'interruptions',
  lines: [
    { who: 'agent', text: 'Goedemiddag, u spreekt met de klantenservice, waarmee kan ik u helpen?' },
    { who: 'customer', text: complaint[0]!, cutMs: 3300 },
    { who: 'agent', text: 'Ja maar dat bedrag is gewoon de jaarlijkse afrekening, dat staat ook in de brief.', intoPreviousMs: 2600, label: 'interruption' },
    { who: 'customer', text: complaint[1]! },
    { who: 'agent', text: 'ja', intoPreviousMs: 2500, label: 'backchannel' },
    { who: 'agent', text: 'Dat begrijp ik. Ik ga het nu voor u nakijken in ons systeem, een ogenblik alstublieft.', afterMs: 800 },
    { who: 'customer', text: complaint[2]!, intoPreviousMs: 2200, label: 'customer-interruption' },
    { who: 'agent', text: 'Dat is zeker vervelend, het spijt me dat u zo lang moest wachten.', afterMs: 700 },
    { who: 'customer', text: 'Ja, en wat gaat u er nu precies aan doen, want ik wil dat het vandaag geregeld wordt en niet pas volgende maand.', cutMs: 2800 },
    { who: 'agent', text: 'Nee mevrouw, dat kan vandaag echt niet meer, de afdeling is al dicht.', intoPreviousMs: 2100, label: 'interruption' },
    { who: 'customer', text: 'Nou, dat is dan heel jammer.', afterMs: 700 },
  ],
};

// The agent's own line is cut in the script above where the customer takes over.
interruptionsCall.lines[5] = { ...interruptionsCall.lines[5]!, cutMs: 3000 };

/** The same call with line noise and each party faintly audible on the other channel. */
export const interruptionsNoisyCall: CallScript = {
  ...interruptionsCall,
  name: 'interruptions-noisy',
  noiseDb: -50,
  crosstalkDb: -26,
};

/** Harder: crosstalk only 18 dB down and line noise at -40 dBFS (about 20 dB below the voices). */
export const interruptionsHardCall: CallScript = {
  ...interruptionsCall,
  name: 'interruptions-hard',
  noiseDb: -40,
  crosstalkDb: -18,
};

/** Three answers the instant the customer stops, within a minute. */
export const quickAnswersCall: CallScript = {
  name: 'quick-answers',
  lines: [
    { who: 'customer', text: 'Mijn pakket is nu al twee weken onderweg en ik heb nog steeds niets ontvangen.' },
    { who: 'agent', text: 'Dat klopt, het ligt bij de vervoerder.', afterMs: 40, label: 'quick-answer' },
    { who: 'customer', text: 'Maar de vervoerder zegt dat het bij u ligt, dus wie moet ik nu geloven?', afterMs: 700 },
    { who: 'agent', text: 'Wij hebben het in ieder geval verstuurd.', afterMs: 30, label: 'quick-answer' },
    { who: 'customer', text: 'Dat helpt mij niet, ik wil gewoon mijn pakket hebben.', afterMs: 700 },
    { who: 'agent', text: 'Dan kunt u het beste de vervoerder bellen.', afterMs: 50, label: 'quick-answer' },
    { who: 'customer', text: 'Dat heb ik al gedaan.', afterMs: 800 },
  ],
};

/** The same conversation with ordinary pauses: must not fire. */
export const calmAnswersCall: CallScript = {
  name: 'calm-answers',
  lines: quickAnswersCall.lines.map((l) => (l.label === 'quick-answer' ? { who: l.who, text: l.text, afterMs: 700 } : l)),
};

const explanation = [
  'Ik zal u even uitleggen hoe het zit met de jaarlijkse afrekening van uw energiecontract.',
  'Elk jaar kijken wij naar de meterstanden die u zelf doorgeeft of die de netbeheerder doorgeeft.',
  'Op basis daarvan berekenen wij wat u werkelijk heeft verbruikt in de afgelopen twaalf maanden.',
  'Dat verbruik vergelijken we met de voorschotbedragen die u elke maand heeft betaald.',
  'Als u meer heeft verbruikt dan u vooruit heeft betaald, dan krijgt u een bedrag te betalen.',
  'Als u juist minder heeft verbruikt, dan krijgt u geld van ons terug op uw rekening.',
  'Daarnaast passen we ook de termijnbedragen voor het komende jaar aan op uw verbruik.',
  'Dat doen we zodat u volgend jaar niet opnieuw voor een grote verrassing komt te staan.',
  'Het kan ook zijn dat de tarieven in de loop van het jaar zijn veranderd door de markt.',
  'In dat geval rekenen we voor elke periode met het tarief dat op dat moment gold.',
  'Ook de energiebelasting en de netbeheerkosten worden elk jaar opnieuw vastgesteld.',
  'Die kosten geven wij een op een door, daar verdienen wij zelf niets aan.',
  'Dus het bedrag dat u nu ziet is een optelsom van al die verschillende onderdelen.',
  'Ik snap dat dit een hoop informatie is, maar zo werkt het nu eenmaal bij ons.',
];

/** The agent explains for well over 40 s; the customer only says "ja" once in between. */
export const monologueCall: CallScript = {
  name: 'monologue',
  lines: [
    { who: 'customer', text: 'Kunt u mij uitleggen waarom mijn afrekening zo hoog is?' },
    ...explanation.slice(0, 5).map((text, i) => ({ who: 'agent' as const, text, afterMs: i === 0 ? 700 : 400, ...(i === 0 ? { label: 'monologue' as const } : {}) })),
    { who: 'customer', text: 'ja', intoPreviousMs: 1500 },
    ...explanation.slice(5).map((text) => ({ who: 'agent' as const, text, afterMs: 400 })),
    { who: 'customer', text: 'Goed, dank u wel voor de uitleg.', afterMs: 800 },
  ],
};

/** Short agent answers with real customer turns: no monologue. */
export const dialogueCall: CallScript = {
  name: 'dialogue',
  lines: explanation.slice(0, 8).flatMap((text, i) => [
    { who: 'agent' as const, text, afterMs: 700 },
    { who: 'customer' as const, text: i % 2 ? 'Ja, dat begrijp ik, ga verder alstublieft.' : 'Oké, en wat betekent dat dan precies voor mij?', afterMs: 700 },
  ]),
};

/**
 * Two long silences: one the agent announced ("ik zoek het even voor u op"), which is fine, and one
 * nobody explained, which is dead air (the line after it is labelled).
 */
export const deadAirCall: CallScript = {
  name: 'dead-air',
  noiseDb: -50,
  crosstalkDb: -30,
  lines: [
    { who: 'customer', text: 'Ik heb een vraag over mijn laatste factuur.' },
    { who: 'agent', text: 'Dat is goed, wat is uw klantnummer?' },
    { who: 'customer', text: 'Dat is een twee drie vier vijf.' },
    { who: 'agent', text: 'Ik zoek het even voor u op, een ogenblikje.' },
    { who: 'agent', text: 'Zo, ik heb uw gegevens gevonden.', afterMs: 12_000 },
    { who: 'customer', text: 'En wat ziet u daar dan?' },
    { who: 'agent', text: 'De factuur is verstuurd op de eerste van de maand.' },
    { who: 'customer', text: 'Hallo, bent u daar nog?', afterMs: 13_000, label: 'after-dead-air' },
    { who: 'agent', text: 'Ja, ik ben er nog.' },
  ],
};
