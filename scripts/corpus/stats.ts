// The figures rules/nl/corpus/README.md reports about the corpus, computed from the assembled
// lines and the labelling log, so the README never drifts from the files: counts per behaviour,
// split and sector, the hard-negative share, what the lines look like (u/je, Flemish, length),
// Cohen's kappa per behaviour between the two labellers, and how often a third had to decide.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEHAVIOURS, type BehaviourId } from '../../main/contracts/behaviours.ts';
import { TEXT_BEHAVIOURS } from '../../main/rules/corpus.ts';
import { measureWordErrorRate, NOISE_LEVELS } from '../../main/rules/recogniser-noise.ts';

export interface StatsLine {
  id: string;
  text: string;
  labels: readonly string[];
  author: string;
  split?: string;
  hard?: boolean;
}

/** One line of the labelling log: both labellings, and where they differ the adjudicator's decision. */
export interface LogLine {
  id: string;
  a: readonly string[];
  b: readonly string[];
  final?: readonly string[];
  reason?: string;
}

/** The sector of each authoring brief, by the word in its name. */
const SECTORS: readonly [RegExp, string][] = [
  // Round 2 briefs aimed at behaviours rather than sectors: each mixes several sectors.
  [/korte-beurten/, 'mixed (short turns)'], [/begrip-en-helder/, 'mixed (subtle helpful behaviour)'],
  [/verdedigen-en-nee/, 'mixed (subtle unhelpful behaviour)'], [/water-lease-reizen/, 'water, car lease, travel, childcare, hospital'],
  // Round 3: briefs by behaviour again, each in sectors the corpus did not have yet.
  [/pakket-pensioen-tv/, 'parcels, pension fund, internet and TV'], [/studenten-thuiszorg-toeslagen/, 'student housing, home care, benefits'],
  [/middellange-beurten/, 'mixed (medium turns)'], [/lange-beurten/, 'mixed (long turns)'],
  [/vragen-en-afspraken/, 'loans, mobile, municipal tax, heat pumps'], [/vlaams-kern/, 'pet insurer, car parts, bus, bike rental (half Flemish)'],
  [/reactie-op-klant/, 'mortgage, hearing aids, home insurance, lift maintenance'],
  [/oprecht-of-hol/, 'roadside assistance, youth care, cable, furniture'], [/verweer-en-weigering/, 'parking fines, letting agency, pharmacy, phone repair'],
  [/begin-en-einde/, 'mixed (openings and closings)'], [/formeel-en-gewoon/, 'tax, pensions, bailiff, fines, benefits, court'],
  [/ketel-keuken-dak/, 'boilers, kitchens, roofing, waste collection'], [/tickets-bioscoop-marktplaats/, 'tickets, cinema, marketplace, car wash'],
  [/zorghuis-school-rijschool/, 'care home, primary school, driving school, translations'],
  [/subsidie-taxi-jachthaven/, 'subsidies, water damage, taxi, marina'],
  [/garage-uitvaart-sport/, 'car workshop, funeral insurer, gym, movers, university'],
  [/ziekenhuis-vakantie-verhuur/, 'dentist billing, holiday park, car rental, solar panels, grocery delivery, school'],
  // Round 4: whole calls written turn by turn (labelling/AUTHORING-CALLS.md), the agent's turns kept.
  [/gesprekken-woning-energie/, 'housing, energy (whole calls)'], [/gesprekken-verzekeraar/, 'insurance (whole calls)'],
  [/gesprekken-gemeente-belasting/, 'municipality, water board, tax office (whole calls)'],
  [/gesprekken-jonge-agent/, 'telecom, bank (whole calls, young informal agents)'],
  [/gesprekken-vlaanderen/, 'housing, energy, car insurance, hospital billing (whole calls, Flemish)'],
  [/gesprekken-escalatie/, 'pension fund, home care, childcare, movers, housing (escalated calls)'],
  [/gesprekken-water-warmte/, 'drinking water, district heating (whole calls)'],
  [/gesprekken-zorgverzekeraar-ziekenhuis/, 'health insurer, hospital (whole calls)'],
  [/gesprekken-oudere-huurders/, 'housing, older tenants (whole calls)'],
  [/gesprekken-energiecontract/, 'energy contracts (whole calls)'],
  [/gesprekken-vlaanderen-telecom-water/, 'telecom, water, home insurance (whole calls, Flemish)'],
  [/gesprekken-pechhulp-autoverzekering/, 'roadside assistance, car insurance (whole calls, half as a recogniser types)'],
  // Round 5: whole calls again, aimed at the behaviours the scorer still misses most, in new sectors.
  [/gesprekken-kinderopvang-thuiszorg/, 'childcare, home care, school office (whole calls)'],
  [/gesprekken-internet-bezorging-sportschool/, 'internet and TV, meal delivery, gym (whole calls)'],
  [/gesprekken-pensioen-uitkering-hypotheek/, 'pension fund, benefits agency, mortgage lender (whole calls)'],
  [/gesprekken-garage-reizen-nieuwbouw/, 'car workshop, travel agency, new-build developer (whole calls)'],
  [/gesprekken-woning-energie-verzekeraar-live/, 'housing, energy, insurance (whole calls, half as a recogniser types)'],
  // Blind sets retired into the corpus (scripts/corpus/retire-blind.ts), one file per brief.
  [/blind-verzekering-zorg-bank/, 'insurance, health insurer, bank (retired blind set)'],
  [/blind-wonen-gemeente-telecom/, 'housing, municipality, telecom (retired blind set)'],
  [/blind-bank-water-webshop-kinderopvang/, 'bank, drinking water, webshop, childcare (retired blind set)'],
  [/blind-zorgverzekeraar-verhuurder-netbeheer-pensioen/, 'health insurer, landlord, grid operator, pension fund (retired blind set)'],
  [/blind-afval-lease-telefoonwinkel-ziekenhuis/, 'waste collection, car lease, phone shops, hospital billing (retired blind set)'],
  [/blind-hogeschool-verhuizer-zonnepanelen-ov/, 'student office, movers, solar panels, transport card (retired blind set)'],
  [/blind-woning-energie-verzekeraar/, 'housing, energy, home and car insurance (retired blind set)'],
  [/blind-pakket-internet-trein-belasting/, 'parcels, broadband, rail, tax office (retired blind set)'],
  [/blind-vlaams-huisvesting-water-ziekenfonds/, 'Flemish social housing, water, health fund, city parking (retired blind set)'],
  [/blind-reparatie-stadsverwarming-reisverzekering/, 'housing repairs, district heating, travel insurance (retired blind set)'],
  [/blind-sociale-dienst-toeslag-polikliniek-cbr/, 'social services, childcare allowance, hospital appointments, driving tests (retired blind set)'],
  [/blind-kleding-meubels-autodealer-luchtvaart/, 'fashion returns, furniture delivery, car dealer, airline (retired blind set)'],
  [/blind-energie-huurverhoging-autoverzekering/, 'energy, rent desk, car insurance'],
  [/blind-telefonie-gemeente-pensioen-bank/, 'mobile provider, municipality, pension fund, bank'],
  [/blind-netbeheer-thuiszorg-verhuizer-sportschool/, 'Flemish grid operator, home care, movers, gym'],
  [/blind-overlast-waterbedrijf-inboedel/, 'tenant desk, water company, home insurer'],
  [/blind-studiefinanciering-ov-internet-supermarkt/, 'student finance, public transport, internet and TV, online supermarket'],
  [/blind-energieleverancier-mutualiteit-autolease-tandarts/, 'Flemish energy supplier, Flemish health fund, car lease, dental billing'],
  [/corporatie-energie-verzekeraar/, 'housing corporation, energy supplier, insurer'],
  [/gemeente-telecom-ziekenhuis-ov/, 'municipality, mobile provider, hospital outpatients, public transport'],
  [/woning-netbeheer-verzekeraar/, 'housing, grid operator, home and car insurance'],
  [/bagage-dierenarts-parkeren/, 'airline baggage, vet clinic, parking garage, bike lease, language school'],
  [/wonen/, 'housing'], [/energie/, 'energy'], [/zorg/, 'health insurer'], [/verzekering|verzekeraar/, 'insurance'],
  [/bank/, 'bank'], [/gemeente/, 'municipality'], [/ov-|vervoer/, 'public transport'],
  [/telecom-webshop/, 'telecom + webshop'], [/telecom/, 'telecom'], [/webshop/, 'webshop'],
  [/shared-dev/, 'mixed (shared dev set)'], [/mix/, 'mixed'],
];
export function sectorOf(author: string): string {
  return SECTORS.find(([re]) => re.test(author))?.[1] ?? 'other';
}

const FLEMISH = /\b(ge|gij|gy|allez|seffens|ambetant|efkes|amai|goesting|da's|nen|ni|gie|hedde|zijde|hebde|kunde)\b/i;
const INFORMAL = /\b(je|jij|jou|jouw|jullie)\b/i;

/** Cohen's kappa for one behaviour: agreement beyond what two labellers' base rates give by chance. */
export function cohensKappa(log: readonly LogLine[], b: string): { kappa: number; a: number; b: number } {
  let both = 0, onlyA = 0, onlyB = 0;
  for (const l of log) {
    const inA = l.a.includes(b), inB = l.b.includes(b);
    if (inA && inB) both++; else if (inA) onlyA++; else if (inB) onlyB++;
  }
  const n = log.length;
  const po = (n - onlyA - onlyB) / n;
  const pa = (both + onlyA) / n, pb = (both + onlyB) / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return { kappa: pe === 1 ? 1 : (po - pe) / (1 - pe), a: both + onlyA, b: both + onlyB };
}

export function computeStats(rows: readonly StatsLine[], log: readonly LogLine[], wer: Record<string, number>, behaviours: readonly BehaviourId[]) {
  const count = <T>(items: readonly T[], pred: (t: T) => boolean): number => items.filter(pred).length;
  const unhelpful = new Set(behaviours.filter((b) => !BEHAVIOURS.get(b)!.helpful));
  const lengths = rows.map((r) => r.text.split(/\s+/).filter(Boolean).length).sort((x, y) => x - y);
  const perBehaviour = behaviours.map((b) => ({
    behaviour: b,
    name: BEHAVIOURS.get(b)!.name,
    total: count(rows, (r) => r.labels.includes(b)),
    train: count(rows, (r) => r.split === 'train' && r.labels.includes(b)),
    dev: count(rows, (r) => r.split === 'dev' && r.labels.includes(b)),
    ...cohensKappa(log, b),
  }));
  const sectors = [...new Set(rows.map((r) => sectorOf(r.author)))].sort()
    .map((s) => ({ sector: s, lines: count(rows, (r) => sectorOf(r.author) === s) }));
  return {
    lines: rows.length,
    splits: { train: count(rows, (r) => r.split === 'train'), dev: count(rows, (r) => r.split === 'dev') },
    noLabel: count(rows, (r) => r.labels.length === 0),
    hardNegatives: count(rows, (r) => r.hard === true && !r.labels.some((b) => unhelpful.has(b as BehaviourId))),
    informal: count(rows, (r) => INFORMAL.test(r.text)),
    flemish: count(rows, (r) => FLEMISH.test(r.text)),
    words: { min: lengths[0] ?? 0, median: lengths[Math.floor(lengths.length / 2)] ?? 0, max: lengths.at(-1) ?? 0,
      under8: count(lengths, (n) => n < 8), over25: count(lengths, (n) => n > 25) },
    adjudicated: count(log, (l) => l.a.join() !== l.b.join()),
    wordErrorRate: wer,
    authors: [...new Set(rows.map((r) => r.author))].sort().map((a) => ({ author: a, sector: sectorOf(a), lines: count(rows, (r) => r.author === a) })),
    sectors,
    perBehaviour,
  };
}
export type CorpusStats = ReturnType<typeof computeStats>;

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)} %`;

export function renderStats(s: CorpusStats): string {
  const out = [
    `${s.lines} lines (train ${s.splits.train}, dev ${s.splits.dev}); ${s.noLabel} with no label; ` +
      `hard negatives ${s.hardNegatives} (${pct(s.hardNegatives, s.lines)}); informal "je" in ${pct(s.informal, s.lines)}, ` +
      `Flemish forms in ${pct(s.flemish, s.lines)}; ${s.words.min}–${s.words.max} words (median ${s.words.median}; ` +
      `${pct(s.words.under8, s.lines)} under 8, ${pct(s.words.over25, s.lines)} over 25). ` +
      `Labellers disagreed on ${s.adjudicated} lines (${pct(s.adjudicated, s.lines)}), which a third labeller decided. ` +
      `Recogniser twins: measured word error ${(100 * s.wordErrorRate.asr!).toFixed(1)} % (asr), ${(100 * s.wordErrorRate.asrHeavy!).toFixed(1)} % (asrHeavy).`,
    '',
    '| behaviour | name | lines | train | dev | labeller A | labeller B | Cohen\'s κ |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...s.perBehaviour.map((p) => `| \`${p.behaviour}\` | ${p.name} | ${p.total} | ${p.train} | ${p.dev} | ${p.a} | ${p.b} | ${p.kappa.toFixed(2)} |`),
    '',
    '| sector | lines |',
    '| --- | ---: |',
    ...s.sectors.map((x) => `| ${x.sector} | ${x.lines} |`),
    '',
    '| authoring brief | sector | lines |',
    '| --- | --- | ---: |',
    ...s.authors.map((x) => `| \`${x.author}\` | ${x.sector} | ${x.lines} |`),
  ];
  return out.join('\n');
}

/** Replaces what stands between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in a Markdown file. */
export function replaceBetweenMarkers(file: string, name: string, body: string): void {
  const begin = `<!-- ${name}:begin -->`, end = `<!-- ${name}:end -->`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `${begin}\n${end}\n`;
  const from = text.indexOf(begin), to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file}: markers ${begin} … ${end} not found`);
  writeFileSync(file, `${text.slice(0, from + begin.length)}\n${body}\n${text.slice(to)}`);
}

/** The figures of a set of lines and their labelling log, with the recogniser twins' measured word error. */
export function figuresOf(rows: readonly (StatsLine & { asr: string; asrHeavy: string })[], log: readonly LogLine[]): CorpusStats {
  const wer = Object.fromEntries(Object.keys(NOISE_LEVELS).map((field) => [field,
    measureWordErrorRate(rows.map((r) => ({ text: r.text, twin: r[field as 'asr' | 'asrHeavy'] })))]));
  const known = new Set<string>(TEXT_BEHAVIOURS);
  return computeStats(rows, log, wer, [...BEHAVIOURS.keys()].filter((b) => known.has(b)));
}

/** Writes the corpus's figures where its README and labelling/stats.json keep them. */
export function writeCorpusFigures(corpusDir: string, stats: CorpusStats): void {
  writeFileSync(join(corpusDir, 'labelling', 'stats.json'), JSON.stringify(stats, null, 1) + '\n');
  replaceBetweenMarkers(join(corpusDir, 'README.md'), 'stats', renderStats(stats));
}
