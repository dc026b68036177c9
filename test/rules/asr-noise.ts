// Seeded simulations of what a Dutch speech recogniser does to an agent's words, so the quality
// test and the measuring script (test/rules/measure-robustness.ts) can score the rules on more
// than clean text. Each simulation changes at most ONE thing per line and is deterministic for
// a given seed, so a figure moves only when the rules or the matcher move.
import { recogniserStyle } from '../../main/rules/normalise.ts';
import type { LabelledLine } from '../../main/rules/evaluate.ts';

/** The linear congruential generator the quality test has always used (seed 7 by default). */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Recogniser style with one short word (<= 3 letters) removed per line. */
export function dropShortWord(lines: readonly LabelledLine[], seed = 7): LabelledLine[] {
  const random = seededRandom(seed);
  return lines.map((line) => {
    const words = recogniserStyle(line.text).split(' ');
    const short = words.flatMap((w, i) => (w.length <= 3 ? [i] : []));
    if (short.length > 0) words.splice(short[Math.floor(random() * short.length)]!, 1);
    return { ...line, text: words.join(' ') };
  });
}

/**
 * Whisper-style confusions on Dutch phone speech: function words that sound alike, reduced
 * forms, compounds written apart or together, and numbers as digits. Each entry rewrites the
 * word(s) at one position; `from` is matched on recogniser-style words.
 */
interface Confusion {
  from: readonly string[];
  to: readonly string[];
}

const SWAPS: readonly (readonly [string, string])[] = [
  ['de', 'het'], ['u', 'je'], ['dat', 'wat'], ['een', 'en'], ['is', 'es'], ['niet', 'nie'],
];

const CONFUSIONS: readonly Confusion[] = [
  ...SWAPS.flatMap(([a, b]) => [{ from: [a], to: [b] }, { from: [b], to: [a] }]),
  { from: ['een'], to: ["'n"] },
  // merged: two words heard as one
  ...[['nog', 'eens'], ['zo', 'meteen'], ['er', 'voor'], ['daar', 'voor'], ['daar', 'om'], ['op', 'nieuw'],
    ['in', 'orde'], ['te', 'veel'], ['zo', 'even'], ['hier', 'voor'], ['er', 'aan'], ['er', 'naar']]
    .map((pair) => ({ from: pair, to: [pair.join('')] })),
  // split: one word heard as two
  ...[['ervoor', 'er voor'], ['daarvoor', 'daar voor'], ['daarom', 'daar om'], ['opnieuw', 'op nieuw'],
    ['meteen', 'me teen'], ['terugbellen', 'terug bellen'], ['doorgeven', 'door geven'], ['uitzoeken', 'uit zoeken'],
    ['nagaan', 'na gaan'], ['klantenservice', 'klanten service'], ['eigenlijk', 'eigen lijk'], ['zometeen', 'zo meteen'],
    ['hiervoor', 'hier voor'], ['vervelend', 'ver velend'], ['helaas', 'he laas'], ['natuurlijk', 'na tuurlijk']]
    .map(([one, two]) => ({ from: [one!], to: two!.split(' ') })),
  // numbers written as digits
  ...[['twee', '2'], ['drie', '3'], ['vier', '4'], ['vijf', '5'], ['tien', '10'], ['eerste', '1e'], ['tweede', '2e']]
    .map(([word, digits]) => ({ from: [word!], to: [digits!] })),
];

/** Recogniser style with one Whisper-style confusion applied per line (where any applies). */
export function substituteLikeWhisper(lines: readonly LabelledLine[], seed = 11): LabelledLine[] {
  const random = seededRandom(seed);
  return lines.map((line) => {
    const words = recogniserStyle(line.text).split(' ');
    const options: { at: number; c: Confusion }[] = [];
    for (let at = 0; at < words.length; at++) {
      for (const c of CONFUSIONS) if (c.from.every((w, k) => words[at + k] === w)) options.push({ at, c });
    }
    if (options.length === 0) return { ...line, text: words.join(' ') };
    const { at, c } = options[Math.floor(random() * options.length)]!;
    words.splice(at, c.from.length, ...c.to);
    return { ...line, text: words.join(' ') };
  });
}
