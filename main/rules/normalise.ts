// Turns an utterance into the tokens the rule patterns match on. Rules must survive both typed
// text and speech-recogniser output, so everything that differs between the two is folded here,
// once, instead of in every pattern: case, punctuation, diacritics ("hè", "één"), clitics
// ("'t", "z'n", "d'r"), hyphenation ("e-mail"), and numbers (words and digits meet in one form).
// Each token keeps its character range in the ORIGINAL text, so a finding can point at the
// agent's own words (Finding.span is in characters of the utterance as given).

export interface Token {
  /** Normalised form that patterns compare against. */
  norm: string;
  /** Start and end (exclusive) in UTF-16 characters of the original utterance text. */
  startChar: number;
  endChar: number;
  /** Hesitations ("eh", "nou", "hè") that a pattern may step over without naming them. */
  filler: boolean;
}

/** An utterance's tokens, plus the set of their words for quick "can this rule match?" tests. */
export type Tokens = readonly Token[] & { readonly words: ReadonlySet<string> };

/** Words that carry no meaning for a pattern and that speakers drop anywhere in a phrase. */
const FILLERS: ReadonlySet<string> = new Set([
  'eh', 'ehm', 'euh', 'uh', 'uhm', 'um', 'hm', 'hmm', 'mm', 'mmm', 'he', 'nou', 'hoor', 'ah',
]);

/** Spoken clitics and dialect forms mapped to the full word, so a pattern names one form. */
const CLITICS: ReadonlyMap<string, string> = new Map([
  ["'t", 'het'], ["'n", 'een'], ["z'n", 'zijn'], ["m'n", 'mijn'], ["d'r", 'er'], ["'r", 'er'],
  ["'s", 'is'], ["da's", 'dat'], ['t', 'het'], ['k', 'ik'], ['das', 'dat'], ["'k", 'ik'], ["zo'n", 'zon'], ['effe', 'even'], ['ff', 'even'],
  ['nie', 'niet'], ['niks', 'niets'], ['tuurlijk', 'natuurlijk'], ['oke', 'ok'], ['okay', 'ok'],
  ['okee', 'ok'], ['es', 'is'], ['jij', 'je'], ['jou', 'je'], ['jouw', 'je'],
]);

/**
 * Numbers are matched as digits: "drie keer", "3 keer" and "3x" all become "3 keer".
 * "een" stays a word because it is far more often the article; a pattern that means the number
 * one writes "een".
 */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map([
  ['nul', '0'], ['twee', '2'], ['drie', '3'], ['vier', '4'], ['vijf', '5'], ['zes', '6'],
  ['zeven', '7'], ['acht', '8'], ['negen', '9'], ['tien', '10'], ['elf', '11'], ['twaalf', '12'],
  ['dertien', '13'], ['veertien', '14'], ['vijftien', '15'], ['zestien', '16'], ['zeventien', '17'],
  ['achttien', '18'], ['negentien', '19'], ['twintig', '20'], ['dertig', '30'], ['veertig', '40'],
  ['vijftig', '50'], ['zestig', '60'], ['zeventig', '70'], ['tachtig', '80'], ['negentig', '90'],
  ['honderd', '100'], ['duizend', '1000'], ['1', 'een'],
]);

// A word: letters/digits, optionally joined by internal apostrophes or hyphens ("zo'n",
// "e-mail", "track-en-trace"); a leading apostrophe belongs to clitics like "'t" and "'k".
const WORD = /(?:['’](?=[a-z]))?[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*(?:['’](?=s\b))?/giu;

/** Lower case, diacritics removed, curly apostrophes made straight. */
export function foldWord(raw: string): string {
  const lower = raw.toLowerCase();
  // Most words are plain ASCII; only the others pay for Unicode decomposition.
  if (!/[^ -~]/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/’/g, "'");
}

/** The canonical form of one word as patterns see it (exported so patterns fold the same way). */
export function canonicalWord(raw: string): string {
  let w = foldWord(raw);
  const clitic = CLITICS.get(w);
  if (clitic !== undefined) return clitic;
  // "e-mail" / "e mail" / "email": hyphens inside a word are spelling, not meaning.
  if (w.includes('-')) w = w.replace(/-/g, '');
  w = w.replace(/'/g, '');
  // "3x" is how people type "3 keer"; the digit alone is the number.
  const num = NUMBER_WORDS.get(w);
  if (num !== undefined) return num;
  return w;
}

export function isFiller(norm: string): boolean {
  return FILLERS.has(norm);
}

export function tokenise(text: string): Tokens {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    const start = m.index;
    const times = /^(\d+)x$/i.exec(raw);
    if (times) {
      tokens.push({ norm: times[1]!, startChar: start, endChar: start + times[1]!.length, filler: false });
      tokens.push({ norm: 'keer', startChar: start + times[1]!.length, endChar: start + raw.length, filler: false });
      continue;
    }
    const norm = canonicalWord(raw);
    // "mm-hm", "ja-ja": repeated backchannel sounds are fillers too.
    const filler = FILLERS.has(norm) || /^(mm+hm+|hm+)$/.test(norm);
    tokens.push({ norm, startChar: start, endChar: start + raw.length, filler });
  }
  return Object.assign(tokens, { words: new Set(tokens.map((t) => t.norm)) });
}

/** The same tokens with some words replaced (spelling fixes); spans stay those of the original. */
export function withNorms(tokens: Tokens, fix: (norm: string) => string | undefined): Tokens {
  let changed = false;
  const out = tokens.map((t) => {
    const better = t.filler ? undefined : fix(t.norm);
    if (better === undefined) return t;
    changed = true;
    return { ...t, norm: better };
  });
  return changed ? Object.assign(out, { words: new Set(out.map((t) => t.norm)) }) : tokens;
}

/** What a speech recogniser would give for a typed line: lower case, no punctuation. */
export function recogniserStyle(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'’-]+/gu, ' ')
    .replace(/(^|\s)['’-]+|['’-]+(?=\s|$)/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
