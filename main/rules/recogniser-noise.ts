// A seeded model of what a Dutch telephone speech recogniser makes of an agent's words, used to
// give every labelled line two recogniser twins: `asr` (about 5 % word error) and `asrHeavy`
// (about 20 %). The rules and the scorer are judged on those twins, so the model must make the
// errors a recogniser really makes on Dutch phone speech, not random letter noise:
//
// - style: lower case, no punctuation, hesitations ("eh", "ehm") not written, numbers as digits
//   or as words (whichever the recogniser happens to pick);
// - dropped short words (articles, pronouns, particles: the words a phone line swallows first);
// - sound-alikes that Dutch recognisers confuse: de/het, u/uw, dat/wat, een/en, is/es, ligt/licht,
//   and the d/t endings of verbs (wordt/word, gebeurd/gebeurt, vind/vindt);
// - compounds written apart ("klanten service") or two words written together ("nogeens");
// - long words heard with a near spelling (ei/ij, au/ou, v/f, z/s, g/ch).
//
// Each word gets an error with probability `wordErrorRate`, of a kind that applies to it; the
// random stream is seeded per line (seed + line id + level), so a line's twin never changes when
// other lines are added or the file is reordered. `measureWordErrorRate` reports what a level
// really gives; the corpus README quotes it.
import { hashString } from '../scorer/hash.ts';
import { seededRandom } from '../scorer/seeded-random.ts';
import { recogniserStyle } from './normalise.ts';

export interface NoiseLevel {
  name: string;
  /** Chance that a word is mis-recognised (one of the kinds below), before style changes. */
  wordErrorRate: number;
}

/** Calibrated so the measured word error rate on the corpus is about 5 % and 20 %. */
export const NOISE_LEVELS = {
  asr: { name: 'asr', wordErrorRate: 0.067 },
  asrHeavy: { name: 'asrHeavy', wordErrorRate: 0.27 },
} as const satisfies Record<string, NoiseLevel>;

const HESITATIONS = new Set(['eh', 'ehm', 'uh', 'uhm', 'ehh', 'hmm', 'hm']);

/** Sound-alike pairs, both ways: a recogniser picks the wrong one of two words that sound alike. */
const SOUND_ALIKES: readonly (readonly [string, string])[] = [
  ['de', 'het'], ['u', 'uw'], ['dat', 'wat'], ['een', 'en'], ['is', 'es'], ['ligt', 'licht'],
  ['wordt', 'word'], ['gebeurd', 'gebeurt'], ['vind', 'vindt'], ['heb', 'heeft'], ['u', 'je'],
  ['hun', 'hen'], ['als', 'dan'], ['zijn', 'zij'], ['mij', 'me'], ['jou', 'je'], ['niet', 'nie'],
  ['we', 'wij'], ['ze', 'zij'], ['m', 'hem'], ['t', 'het'], ['ook', 'oog'], ['weet', 'wet'],
  ['meer', 'mee'], ['wel', 'well'], ['hoor', 'hor'], ['kan', 'kun'], ['wil', 'wilt'],
];
const SOUND_ALIKE = new Map<string, string[]>();
for (const [a, b] of SOUND_ALIKES) {
  SOUND_ALIKE.set(a, [...(SOUND_ALIKE.get(a) ?? []), b]);
  SOUND_ALIKE.set(b, [...(SOUND_ALIKE.get(b) ?? []), a]);
}

/** Two words a recogniser writes as one; the reverse (one written as two) comes from the first list. */
const JOINABLE = new Set([
  'nog eens', 'zo meteen', 'er voor', 'daar voor', 'daar om', 'op nieuw', 'in orde', 'te veel',
  'zo even', 'hier voor', 'er aan', 'er naar', 'na kijken', 'terug bellen', 'door geven', 'uit zoeken',
  'even kijken', 'op zich', 'in principe', 'wat meer', 'of zo', 'al weer',
]);

/** Word beginnings and endings where Dutch compounds join, so a long word can be heard as two. */
const COMPOUND_PARTS = [
  'klanten', 'service', 'verzeker', 'huur', 'woning', 'energie', 'termijn', 'bedrag', 'afspraak',
  'monteur', 'meter', 'reparatie', 'storing', 'factuur', 'rekening', 'schade', 'contract', 'abonnement',
  'pakket', 'terug', 'door', 'over', 'onder', 'voor', 'achter', 'mede', 'werk', 'dienst', 'nummer',
];

/** Spelling a recogniser may write for a sound: applied inside words of 5+ letters. */
const NEAR_SPELLINGS: readonly (readonly [RegExp, string])[] = [
  [/ij/, 'ei'], [/ei/, 'ij'], [/au/, 'ou'], [/ou/, 'au'], [/^v/, 'f'], [/^z/, 's'], [/g(?=[aeiou])/, 'ch'],
  [/dt$/, 't'], [/aa(?=[^aeiou])/, 'a'], [/ee(?=[^aeiou])/, 'e'], [/oo(?=[^aeiou])/, 'o'], [/uu(?=[^aeiou])/, 'u'],
];

const NUMBER_WORDS = ['nul', 'een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien',
  'elf', 'twaalf', 'dertien', 'veertien', 'vijftien', 'zestien', 'zeventien', 'achttien', 'negentien', 'twintig'];

/** Rewrites `words` at `at` if this kind of error applies there; returns how many words to move on, or null. */
type Rewrite = (words: string[], at: number) => number | null;

/** The kinds of error, with how often each is picked first. */
const ERROR_KINDS: readonly { weight: number; apply: Rewrite }[] = [
  { // a sound-alike
    weight: 0.35,
    apply: (w, at) => {
      const options = SOUND_ALIKE.get(w[at]!);
      if (!options) return null;
      w[at] = options[0]!;
      return 1;
    },
  },
  { // a short word swallowed
    weight: 0.25,
    apply: (w, at) => {
      if (w[at]!.length > 3 || w.length < 3) return null;
      w.splice(at, 1);
      return 0; // the next word has moved up to `at`
    },
  },
  { // two words written as one, or a compound written as two
    weight: 0.2,
    apply: (w, at) => {
      if (at + 1 < w.length && JOINABLE.has(`${w[at]} ${w[at + 1]}`)) {
        w.splice(at, 2, w[at]! + w[at + 1]!);
        return 1;
      }
      const word = w[at]!;
      for (const part of COMPOUND_PARTS) {
        if (word.length >= part.length + 4 && word.startsWith(part)) {
          w.splice(at, 1, part, word.slice(part.length));
          return 2;
        }
        if (word.length >= part.length + 4 && word.endsWith(part)) {
          w.splice(at, 1, word.slice(0, -part.length), part);
          return 2;
        }
      }
      return null;
    },
  },
  { // a near spelling of a longer word
    weight: 0.15,
    apply: (w, at) => {
      const word = w[at]!;
      if (word.length < 5) return null;
      for (const [from, to] of NEAR_SPELLINGS) {
        if (from.test(word)) {
          w[at] = word.replace(from, to);
          return 1;
        }
      }
      return null;
    },
  },
  { // a number written the other way
    weight: 0.05,
    apply: (w, at) => {
      const asWord = NUMBER_WORDS.indexOf(w[at]!);
      if (asWord > 1) { // never "een": as an article it is far more common than the number
        w[at] = String(asWord);
        return 1;
      }
      const n = /^\d+$/.test(w[at]!) ? Number(w[at]) : NaN;
      if (n >= 0 && n < NUMBER_WORDS.length) {
        w[at] = NUMBER_WORDS[n]!;
        return 1;
      }
      return null;
    },
  },
];
const TOTAL_WEIGHT = ERROR_KINDS.reduce((s, k) => s + k.weight, 0);

function pickKind(random: () => number): number {
  let r = random() * TOTAL_WEIGHT;
  for (let i = 0; i < ERROR_KINDS.length; i++) {
    r -= ERROR_KINDS[i]!.weight;
    if (r < 0) return i;
  }
  return ERROR_KINDS.length - 1;
}

/** The words a recogniser hears before it makes mistakes: recogniser style, no hesitations. */
export function recogniserWords(text: string): string[] {
  return recogniserStyle(text).split(' ').filter((w) => w !== '' && !HESITATIONS.has(w));
}

/**
 * What a recogniser at `level` writes for `text`. `lineId` seeds the random stream, so the same
 * line always gets the same twin. An error that does not apply to a word (no sound-alike, too
 * long to drop) falls to another kind; a word where none applies stays as it is.
 */
export function recogniserTwin(text: string, lineId: string, level: NoiseLevel, seed = 1): string {
  const random = seededRandom(hashString(`${seed}:${level.name}:${lineId}`));
  const words = recogniserWords(text);
  let at = 0;
  while (at < words.length) {
    if (random() >= level.wordErrorRate) {
      at++;
      continue;
    }
    const first = pickKind(random);
    let advance: number | null = null;
    for (let k = 0; k < ERROR_KINDS.length && advance === null; k++) {
      advance = ERROR_KINDS[(first + k) % ERROR_KINDS.length]!.apply(words, at);
    }
    at += advance ?? 1;
  }
  return words.join(' ');
}

/** Word-level edit distance between two word lists (substitutions, insertions, deletions). */
export function wordEditDistance(ref: readonly string[], hyp: readonly string[]): number {
  let prev = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const cur = [i];
    for (let j = 1; j <= hyp.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ref[i - 1] === hyp[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[hyp.length]!;
}

/**
 * Word error rate of twins against what was said (recogniser words of `text`, so style alone
 * is not counted as an error): total edits over total reference words.
 */
export function measureWordErrorRate(pairs: readonly { text: string; twin: string }[]): number {
  let edits = 0;
  let words = 0;
  for (const { text, twin } of pairs) {
    const ref = recogniserWords(text);
    edits += wordEditDistance(ref, twin.split(' ').filter((w) => w !== ''));
    words += ref.length;
  }
  return words === 0 ? 0 : edits / words;
}
