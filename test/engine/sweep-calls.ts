// The interruption sweep: four calls with the same conversation at four noise and crosstalk levels,
// from a quiet line (-55 dBFS noise, crosstalk -35 dB) to a bad one (-32 dBFS, -22 dB). Each call
// has 11 agent interruptions (44 in all), the customer cut off 0.3–1.1 s after the agent starts
// (up to 0.15 s more where the cut falls in a pause: make-call moves it to the next sound), mixed
// with backchannels, near-end overlaps under 200 ms, the customer talking over the agent and plain
// turns. Customer lines have no commas: espeak pauses at a comma, and a pause long enough to end a
// turn would make a backchannel look like the customer giving way.
import type { CallScript, ScriptLine } from '../../scripts/make-call.ts';

export const SWEEP_LEVELS = [
  { noiseDb: -55, crosstalkDb: -35 },
  { noiseDb: -47, crosstalkDb: -30 },
  { noiseDb: -40, crosstalkDb: -26 },
  { noiseDb: -32, crosstalkDb: -22 },
] as const;

const complaints = [
  'Ik heb nu al drie keer gebeld over mijn rekening en niemand kan mij uitleggen waarom het bedrag ineens zo hoog is geworden',
  'De monteur zou vorige week dinsdag langskomen maar er is niemand geweest en ik heb de hele dag thuis op hem zitten wachten',
  'Mijn verwarming doet het al twee weken niet en ik heb een klein kind in huis dus dit kan echt niet langer zo doorgaan',
  'Ik heb de opzegging keurig op tijd doorgegeven en toch schrijven jullie nog steeds elke maand geld van mijn rekening af',
  'Er zit al maanden een lekkage in het plafond van de badkamer en elke keer als ik bel wordt er gezegd dat het wordt opgepakt',
  'Uw collega heeft mij beloofd dat ik binnen vijf werkdagen zou worden teruggebeld maar ik heb helemaal niets meer gehoord',
  'Het pakket is volgens de website bezorgd maar ik heb niets ontvangen en de buren hebben ook niets voor mij aangenomen',
  'Ik betaal al jaren braaf mijn premie en nu ik een keer schade heb wil de verzekering ineens niet uitkeren dat vind ik schandalig',
  'Sinds de overstap naar het nieuwe contract krijg ik steeds twee facturen voor dezelfde maand en ik snap er helemaal niets meer van',
  'De brief die ik kreeg was zo onduidelijk dat ik niet eens weet wat ik nu precies moet betalen en voor wanneer dat moet',
  'Ik sta nu al een half uur in de wacht en als ik dan eindelijk iemand spreek word ik weer doorverbonden met een andere afdeling',
];

const cutIns = [
  'Ja maar meneer dat staat gewoon in de voorwaarden.',
  'Dat kan kloppen want de planning was overvol.',
  'Dan moet u de thermostaat even opnieuw instellen.',
  'Nee hoor de opzegging is bij ons niet binnengekomen.',
  'Daar hebben wij een aparte afdeling voor.',
  'Dat had u dan opnieuw moeten aangeven.',
  'Dan moet u toch echt bij de vervoerder zijn.',
  'Dat valt onder het eigen risico mevrouw.',
  'Dat is gewoon de eindafrekening van het oude contract.',
  'Die brief is door de afdeling facturatie verstuurd.',
  'Ja dat is nu eenmaal erg druk op maandag.',
];

const replies = [
  'Maar dat is toch niet normaal.',
  'Daar heb ik helemaal niets aan.',
  'Dat zegt iedereen steeds weer.',
  'Dat geloof ik echt niet meer.',
];

const answers = [
  'Ik begrijp dat dit heel vervelend voor u is en ik ga het nu voor u uitzoeken.',
  'Ik kijk even met u mee wat er precies is misgegaan met uw aanvraag.',
  'Dan zet ik dat nu voor u in gang en ik stuur u vandaag nog een bevestiging.',
  'Ik noteer het meteen in uw dossier zodat mijn collega het ook kan zien.',
];

const backchannels = ['ja', 'oké', 'ja ja', 'precies'];

const shortCustomer = [
  'Ik wil gewoon dat het vandaag nog wordt opgelost.',
  'Dus wat gaat u daar nu precies aan doen.',
  'Dat had ik graag eerder van u gehoord.',
  'Ik wil dat er vandaag iemand langskomt.',
];

const explanations = [
  'Ik zal u even uitleggen hoe het zit met de jaarlijkse afrekening van uw energiecontract en de voorschotten.',
  'Wij hebben uw aanvraag vorige week ontvangen en die is toen direct doorgezet naar de afdeling die erover gaat.',
  'Normaal gesproken duurt het ongeveer tien werkdagen voordat een terugbetaling op uw rekening staat.',
];

const customerOver = [
  'Nee nee dat wil ik helemaal niet horen.',
  'Dat heeft u de vorige keer ook al gezegd.',
  'Maar daar heb ik nu toch niets aan.',
];

/** A spread of values from `from` to `to` over n items, in an order that mixes small and large. */
function spread(i: number, n: number, from: number, to: number): number {
  const k = (i * 7) % n; // 7 is coprime to 44 and 11: every slot once
  return Math.round(from + (k / (n - 1)) * (to - from));
}

function sweepLines(level: number): ScriptLine[] {
  const lines: ScriptLine[] = [{ who: 'agent', text: 'Goedemiddag u spreekt met de klantenservice waarmee kan ik u helpen?' }];
  complaints.forEach((complaint, i) => {
    const n = level * complaints.length + i; // 0..43 across the four calls
    const intoMs = spread(n, 44, 1200, 2600);
    const cutAfterMs = spread(n + 13, 44, 300, 1100);
    lines.push(
      { who: 'customer', text: complaint, afterMs: 700, cutMs: intoMs + cutAfterMs },
      { who: 'agent', text: cutIns[i]!, intoPreviousMs: intoMs, label: 'interruption' },
      { who: 'customer', text: replies[i % replies.length]!, afterMs: 650 },
    );
    // Between interruptions, in turn: a backchannel, a near-end overlap, the customer talking over the agent.
    const j = i % 3;
    if (j === 0 && i / 3 < backchannels.length) {
      const b = i / 3;
      lines.push(
        { who: 'agent', text: answers[b]!, afterMs: 700 },
        { who: 'customer', text: complaints[(i + 5) % complaints.length]!, afterMs: 700 },
        { who: 'agent', text: backchannels[b]!, intoPreviousMs: spread(n, 44, 1500, 2800), label: 'backchannel' },
      );
    } else if (j === 1) {
      const b = (i - 1) / 3;
      lines.push(
        { who: 'agent', text: answers[(b + 1) % answers.length]!, afterMs: 700 },
        { who: 'customer', text: shortCustomer[b % shortCustomer.length]!, afterMs: 700 },
        // The agent starts just before the customer's last word ends: a normal turn change.
        { who: 'agent', text: answers[(b + 2) % answers.length]!, afterMs: -spread(n, 44, 40, 190), label: 'near-end-overlap' },
      );
    } else if (j === 2) {
      const b = (i - 2) / 3;
      const intoMs = spread(n, 44, 1500, 2500);
      lines.push(
        { who: 'agent', text: explanations[b % explanations.length]!, afterMs: 700, cutMs: intoMs + spread(n + 5, 44, 400, 900) },
        { who: 'customer', text: customerOver[b % customerOver.length]!, intoPreviousMs: intoMs, label: 'customer-interruption' },
      );
    }
  });
  lines.push({ who: 'agent', text: 'Dank u wel voor uw geduld en nog een fijne dag.', afterMs: 800 });
  return lines;
}

export const sweepCalls: CallScript[] = SWEEP_LEVELS.map((level, i) => ({
  name: `sweep-${-level.noiseDb}-${-level.crosstalkDb}`,
  lines: sweepLines(i),
  noiseDb: level.noiseDb,
  crosstalkDb: level.crosstalkDb,
}));
