// What the scorer sees of one utterance: hashed sparse features of the normaliser's tokens (the
// same tokens the phrase rules match, after compound mending and near-miss spelling), plus the
// phrase rules' own verdicts. Every feature carries the token range it came from, so a finding
// can point at the words that carried it (evidence). Feature kinds:
//   - word 1..n-grams, pairs of words one apart, and the first and last word of the utterance;
//   - character n-grams within each word ("<word>" padded), for spelling and inflection (off in
//     the shipped configuration: see DEFAULT_FEATURES);
//   - Snowball stems (main/scorer/stemmer.ts);
//   - markers: the scope of a negation (niet/geen/nooit and the words after it), a question,
//     whether the first person named is "ik", "wij" or "u/je", and quoted or reported speech
//     ("u zegt dat ...", "mijn collega zei ..."), whose words are marked as someone else's;
//   - each phrase rule that matched, and each that matched but was vetoed by its exceptions.
// The same function serves training, scoring and explaining: only the sink differs.
import { z } from 'zod';
import type { Tokens } from '../rules/normalise.ts';
import { combine, fnvStep, hashString, kindSeed } from './hash.ts';
import { dutchStem } from './stemmer.ts';
import { WordMemo } from '../rules/word-memo.ts';

export const FeatureConfig = z.strictObject({
  /** Features are hashed into 2^hashBits buckets. */
  hashBits: z.number().int().min(10).max(24),
  /** Word n-grams from 1 to this length. */
  wordNgrams: z.number().int().min(1).max(5),
  /** Character n-gram lengths within words, inclusive; null: none. */
  charNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]).nullable(),
  stems: z.boolean(),
  /** How many words after niet/geen/nooit are in the negation's scope. */
  negationScope: z.number().int().min(0),
  /** How many words after a reporting verb ("u zei dat ...") are reported speech. */
  reportedScope: z.number().int().min(0),
  ruleHits: z.boolean(),
  /**
   * Words before and after a contrast ("maar", "echter") as features of their own: their stems
   * marked pre or post, and the phrases (word n-grams) before it and the rule hits ending before
   * it marked as conceded, so "ik begrijp het, maar ..." is learnt apart from plain
   * understanding. Absent in older model files: off.
   */
  contrastClauses: z.boolean().default(false),
  /**
   * "u", "je", "ge" and "gij" as one word: they say the same thing to the customer, and a phrase
   * the corpus has in one register then counts for the others. Absent in older model files: off.
   */
  foldAddress: z.boolean().default(false),
  /**
   * The shape of the words: any number as one class, with the word before and after it ("250
   * euro", "binnen 5 werkdagen"), and how many long words (12 letters or more: official
   * compounds) the utterance has. Plain, concrete language names amounts and days; jargon is
   * long words. Absent in older model files: off.
   */
  shapes: z.boolean().default(false),
  /**
   * Pairs of words with one word between them, so "klopt gewoon niet" and "klopt echt niet"
   * share "klopt ... niet": a phrase still counts when the word in its middle changes. Absent in
   * older model files: off.
   */
  skipBigrams: z.boolean().default(false),
});
export type FeatureConfig = z.output<typeof FeatureConfig>;

/**
 * What ships. Contrast clauses are on: on 5-fold cross-validation over the corpus with round 2
 * (7,455 lines) they lift begrip_tonen's recall at precision 0.92 from 0.303 to 0.349,
 * verdedigen from 0.409 to 0.443 and micro recall from 0.653 to 0.656; "alleen" and "toch" as
 * contrasts too cost nee_verkopen 5 points ("dat kan toch niet" is a refusal, not a concession),
 * and marking stems only, without the phrases, did not move begrip_tonen. Character n-grams are off: on 5-fold cross-validation over the corpus, adding
 * 3-5-grams cost 6 points of recall at precision 0.92 (text 0.675 -> 0.614, asrHeavy 0.603 ->
 * 0.539), and single lengths from 4 to 7 cost 1-4 points; word n-grams and stems carry what they
 * would. `charNgrams: [3, 5]` turns them back on for a corpus where they help. Folding u/je/ge
 * into one word (foldAddress) lifted micro recall at precision 0.92 from 0.647 to 0.654 on
 * author-grouped cross-validation (begrip_tonen 0.362 -> 0.392), and dev text recall from 0.702
 * to 0.709 at the same precision. Word shapes (numbers as a class, long words counted) lifted
 * duidelijke_taal's recall from 0.428 to 0.448 and micro recall from 0.686 to 0.689 (on the
 * corpus with round 3's first eleven briefs), and dev recall by 0.5 (text) and 1.3 points
 * (asrHeavy). Pairs of words one apart (skipBigrams) and 2^22 buckets instead of 2^20 (a third
 * of the kept features shared a bucket with some rarer one) lifted micro recall at precision 0.92
 * from 0.684 to 0.692 on author-grouped cross-validation over corpus round 5 (verdedigen 0.543 ->
 * 0.560, nee_verkopen 0.536 -> 0.563, begrip_tonen 0.491 -> 0.505); skip pairs alone gave 0.689,
 * 2^22 alone 0.687. Word n-grams that skip fillers (0.683) and pairs of neighbouring stems
 * (0.688, nothing on top of the skip pairs) were tried and left out.
 */
export const DEFAULT_FEATURES: FeatureConfig = {
  hashBits: 22,
  wordNgrams: 3,
  charNgrams: null,
  stems: true,
  negationScope: 3,
  reportedScope: 8,
  ruleHits: true,
  contrastClauses: true,
  foldAddress: true,
  shapes: true,
  skipBigrams: true,
};

/** A phrase rule's verdict on the utterance, as a token range. */
export interface RuleSignal {
  ruleId: string;
  behaviour: string;
  start: number;
  end: number;
}

export interface RuleSignals {
  /** Rules whose pattern matched and that no exception, repeat condition or stronger rule vetoed. */
  hits: readonly RuleSignal[];
  /** Rules whose pattern matched but that their own exceptions (or conditions) ruled out. */
  vetoes: readonly RuleSignal[];
}

/**
 * Receives each feature: its bucket and the token range it came from ([from, to), or -1, -1 for
 * a feature of the whole utterance). A feature may come more than once; sinks keep the first.
 */
export type FeatureSink = (bucket: number, from: number, to: number) => void;

const SEED = {
  word: [kindSeed('w1'), kindSeed('w2'), kindSeed('w3'), kindSeed('w4'), kindSeed('w5')],
  first: kindSeed('first'),
  last: kindSeed('last'),
  char: kindSeed('char'),
  stem: kindSeed('stem'),
  negation: kindSeed('neg'),
  negated: kindSeed('negw'),
  question: kindSeed('q'),
  subject: kindSeed('subj'),
  reported: kindSeed('rpt'),
  reportedWord: kindSeed('rptw'),
  quote: kindSeed('quote'),
  length: kindSeed('len'),
  preContrast: kindSeed('pre-contrast'),
  postContrast: kindSeed('post-contrast'),
  hitBeforeContrast: kindSeed('hit-pre-contrast'),
  hit: kindSeed('hit'),
  hitBehaviour: kindSeed('hitb'),
  veto: kindSeed('veto'),
  vetoBehaviour: kindSeed('vetob'),
  number: kindSeed('num'),
  numberAfter: kindSeed('num-after'),
  numberBefore: kindSeed('num-before'),
  longWords: kindSeed('long-words'),
  skipBigram: kindSeed('skip2'),
};

const NEGATORS: ReadonlySet<string> = new Set(['niet', 'geen', 'nooit', 'niets', 'niemand', 'nergens', 'noch']);
/** A negation's scope ends at a contrast or another negation. */
const SCOPE_ENDS: ReadonlySet<string> = new Set(['maar', 'want', 'omdat', 'dus', 'en', ...NEGATORS]);
const QUESTION_WORDS: ReadonlySet<string> = new Set([
  'wat', 'wie', 'waar', 'wanneer', 'hoe', 'waarom', 'welke', 'welk', 'hoeveel', 'hoelang', 'waarmee', 'waarover', 'waardoor', 'waarvoor',
]);
/** A sentence that starts with one of these verbs and then a pronoun is a question ("kunt u ..."). */
const QUESTION_VERBS: ReadonlySet<string> = new Set([
  'kunt', 'kan', 'kun', 'wilt', 'wil', 'heeft', 'hebt', 'heb', 'bent', 'ben', 'is', 'zijn', 'mag', 'moet', 'zal', 'zou', 'zullen',
  'weet', 'klopt', 'begrijp', 'snapt', 'hoort', 'ziet', 'doet', 'gaat', 'had', 'was', 'wist', 'hoorde', 'vindt', 'herkent',
]);
/** With foldAddress the markers see Flemish "ge"/"gij" as "u" too (featureWord). */
const PRONOUNS: ReadonlyMap<string, 'ik' | 'wij' | 'u'> = new Map([
  ['ik', 'ik'], ['wij', 'wij'], ['we', 'wij'], ['u', 'u'], ['je', 'u'],
]);
/** Verbs that introduce someone's words: "u zegt dat", "mijn collega zei", "zoals u aangaf". */
const REPORTING_VERBS: ReadonlySet<string> = new Set([
  'zegt', 'zei', 'zeiden', 'zeggen', 'gezegd', 'vertelt', 'vertelde', 'verteld', 'noemt', 'noemde', 'genoemd', 'schrijft',
  'schreef', 'geschreven', 'aangeeft', 'aangaf', 'aangegeven', 'bedoelt', 'bedoelde', 'beweert', 'beweerde', 'meldt', 'meldde',
  'gemeld', 'volgens',
]);
/** Who can be quoted: the customer or a third person. "ik"/"wij" report the agent's own words. */
const OTHER_SPEAKERS: ReadonlySet<string> = new Set([
  'u', 'je', 'hij', 'zij', 'ze', 'collega', 'monteur', 'klant', 'meneer', 'mevrouw', 'buurman', 'buurvrouw', 'man',
  'vrouw', 'partner', 'dochter', 'zoon', 'collegas', 'iemand', 'men', 'brief', 'mail',
]);
const SELF_SPEAKERS: ReadonlySet<string> = new Set(['ik', 'wij', 'we']);
const QUOTE_MARKS = /["“”„«»]|(^|\s)'[^']{3,}'/;

/** The hash of a word's stem, remembered: most words of a call come again and again. */
const stemHashes = new WordMemo<number>(50_000, (norm) => combine(SEED.stem, hashString(dutchStem(norm))));
const stemHash = (norm: string): number => stemHashes.get(norm);

const nameHashes = new Map<string, number>();
function nameHash(name: string): number {
  let h = nameHashes.get(name);
  if (h === undefined) {
    h = hashString(name);
    nameHashes.set(name, h);
  }
  return h;
}

function lengthBucket(n: number): number {
  return n <= 2 ? 0 : n <= 5 ? 1 : n <= 10 ? 2 : n <= 20 ? 3 : 4;
}

/** Feeds every feature of one utterance to `sink`. `text` is the utterance as given (for "?" and quotes). */
export function emitFeatures(tokens: Tokens, text: string, signals: RuleSignals, config: FeatureConfig, sink: FeatureSink): void {
  for (let i = 0; i < tokens.length; i++) emitWordFeatures(tokens[i]!.norm, config, (bucket) => sink(bucket, i, i + 1));
  emitContextFeatures(tokens, text, signals, config, sink);
}

const ADDRESS: ReadonlySet<string> = new Set(['u', 'je', 'ge', 'gij']);
/** The word as the features see it: with foldAddress, every way of saying "you" is "u". */
const featureWord = (norm: string, config: FeatureConfig): string => (config.foldAddress && ADDRESS.has(norm) ? 'u' : norm);

/**
 * The features of one word on its own (the word, its character n-grams, its stem): the same
 * wherever it is said, so the scorer can remember them per word.
 */
export function emitWordFeatures(word: string, config: FeatureConfig, emit: (bucket: number) => void): void {
  const mask = (1 << config.hashBits) - 1;
  const norm = featureWord(word, config);
  emit(combine(SEED.word[0]!, hashString(norm)) & mask);
  if (config.charNgrams) emitCharGrams(norm, config.charNgrams, (g) => emit(g & mask));
  if (config.stems) emit(stemHash(norm) & mask);
}

/** The features that depend on a word's neighbours or on the whole utterance. */
export function emitContextFeatures(tokens: Tokens, text: string, signals: RuleSignals, config: FeatureConfig, sink: FeatureSink): void {
  const mask = (1 << config.hashBits) - 1;
  const emit = (h: number, from: number, to: number): void => sink(h & mask, from, to);
  const n = tokens.length;
  const wordHash = new Array<number>(n);
  for (let i = 0; i < n; i++) wordHash[i] = hashString(featureWord(tokens[i]!.norm, config));

  emit(combine(SEED.length, lengthBucket(n)), -1, -1);
  if (n > 0) {
    emit(combine(SEED.first, wordHash[0]!), 0, 1);
    emit(combine(SEED.last, wordHash[n - 1]!), n - 1, n);
  }
  const contrastAt = config.contrastClauses ? emitContrastClauses(tokens, config, emit) : -1;
  const maxGram = Math.min(config.wordNgrams, SEED.word.length);
  for (let i = 0; i < n; i++) {
    let h = combine(SEED.word[0]!, wordHash[i]!);
    for (let len = 2; len <= maxGram && i + len <= n; len++) {
      h = combine(combine(SEED.word[len - 1]!, h), wordHash[i + len - 1]!);
      // A phrase conceded before a contrast is its own feature, so "ik begrijp dat" learns
      // only from the lines where it is not taken back by a "maar".
      emit(i + len <= contrastAt ? combine(SEED.preContrast, h) : h, i, i + len);
    }
    if (config.skipBigrams && i + 2 < n) emit(combine(combine(SEED.skipBigram, wordHash[i]!), wordHash[i + 2]!), i, i + 3);
  }
  emitMarkers(tokens, wordHash, text, config, emit);
  if (config.shapes) emitShapes(tokens, wordHash, emit);
  if (config.ruleHits) {
    for (const s of signals.hits) {
      emit(combine(SEED.hit, nameHash(s.ruleId)), s.start, s.end);
      emit(combine(SEED.hitBehaviour, nameHash(s.behaviour)), s.start, s.end);
      // "Ik begrijp dat het vervelend is, maar ...": the pattern is conceded before a contrast.
      if (contrastAt >= 0 && s.end <= contrastAt) emit(combine(SEED.hitBeforeContrast, nameHash(s.behaviour)), s.start, s.end);
    }
    for (const s of signals.vetoes) {
      emit(combine(SEED.veto, nameHash(s.ruleId)), s.start, s.end);
      emit(combine(SEED.vetoBehaviour, nameHash(s.behaviour)), s.start, s.end);
    }
  }
}

/** Numbers as one class with their neighbours, and the count of long words (0, 1, 2, 3 or more). */
function emitShapes(tokens: Tokens, wordHash: readonly number[], emit: FeatureSink): void {
  let long = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.norm;
    if (word.length >= LONG_WORD) long++;
    if (!DIGITS.test(word)) continue;
    emit(SEED.number, i, i + 1);
    if (i > 0) emit(combine(SEED.numberAfter, wordHash[i - 1]!), i - 1, i + 1);
    if (i + 1 < tokens.length) emit(combine(SEED.numberBefore, wordHash[i + 1]!), i, i + 2);
  }
  emit(combine(SEED.longWords, Math.min(long, 3)), -1, -1);
}
const DIGITS = /^\d+$/;
const LONG_WORD = 12;

/**
 * Words that turn a sentence: what comes before is often conceded, what comes after meant.
 * Not "alleen" or "toch": "dat kan toch niet" and "alleen vandaag" turn nothing.
 */
const CONTRASTS: ReadonlySet<string> = new Set(['maar', 'echter']);

/**
 * The stem of every word before the first contrast word marked "pre", of every word after it
 * "post"; nothing when the utterance has no contrast. "Ik begrijp het, maar u had ..." then
 * gives pre:begrijp, which the model can weigh apart from begrip without a "maar". Returns
 * where the contrast word is (-1: none).
 */
function emitContrastClauses(tokens: Tokens, config: FeatureConfig, emit: FeatureSink): number {
  const at = tokens.findIndex((t) => CONTRASTS.has(t.norm));
  if (at < 0) return at;
  for (let i = 0; i < tokens.length; i++) {
    if (i === at || tokens[i]!.filler) continue;
    emit(combine(i < at ? SEED.preContrast : SEED.postContrast, stemHash(featureWord(tokens[i]!.norm, config))), i, i + 1);
  }
  return at;
}

/** Character n-grams of "<word>", hashed as they are read, without building substrings. */
function emitCharGrams(word: string, [min, max]: [number, number], emit: (h: number) => void): void {
  const padded = word.length + 2;
  const code = (k: number): number => (k === 0 ? 60 : k === padded - 1 ? 62 : word.charCodeAt(k - 1));
  for (let s = 0; s + min <= padded; s++) {
    let h = SEED.char;
    for (let len = 1; len <= max && s + len <= padded; len++) {
      h = fnvStep(h, code(s + len - 1));
      if (len >= min) emit(h >>> 0);
    }
  }
}

/** A marker of how the words are meant, with the words it covers ([from, to), or -1 for the whole utterance). */
export type Marker =
  | { kind: 'negation'; word: number; from: number; to: number }
  | { kind: 'negated'; word: number; from: number; to: number }
  | { kind: 'subject'; person: 'ik' | 'wij' | 'u'; from: number; to: number }
  | { kind: 'question'; by: 'mark' | 'question-word' | 'verb-first'; from: number; to: number }
  | { kind: 'reported'; speaker: 'self' | 'other'; from: number; to: number }
  | { kind: 'reported-word'; word: number; from: number; to: number }
  | { kind: 'quote'; from: number; to: number };

const PERSON_CODE = { ik: 1, wij: 2, u: 3 } as const;
const QUESTION_CODE = { mark: 1, 'question-word': 2, 'verb-first': 3 } as const;

function emitMarkers(tokens: Tokens, wordHash: readonly number[], text: string, config: FeatureConfig, emit: FeatureSink): void {
  for (const m of findMarkers(tokens, text, config)) {
    let h: number;
    switch (m.kind) {
      case 'negation': h = combine(SEED.negation, wordHash[m.word]!); break;
      case 'negated': h = combine(SEED.negated, wordHash[m.word]!); break;
      case 'subject': h = combine(SEED.subject, PERSON_CODE[m.person]); break;
      case 'question': h = combine(SEED.question, QUESTION_CODE[m.by]); break;
      case 'reported': h = combine(SEED.reported, m.speaker === 'other' ? 1 : 2); break;
      case 'reported-word': h = combine(SEED.reportedWord, wordHash[m.word]!); break;
      case 'quote': h = SEED.quote; break;
    }
    emit(h, m.from, m.to);
  }
}

/**
 * The markers of one utterance: the scope of each negation (niet/geen/nooit and up to
 * `negationScope` words after it, until "maar", "want", "en" or another negation), the first
 * person named (ik, wij, or u/je), a question (a question mark, a question word first, or a verb
 * first followed by a pronoun: "kunt u ..."), quotation marks, and reported speech.
 */
export function findMarkers(tokens: Tokens, text: string, config: FeatureConfig): Marker[] {
  const out: Marker[] = [];
  const n = tokens.length;
  let subjectSeen = false;
  for (let i = 0; i < n; i++) {
    const norm = featureWord(tokens[i]!.norm, config);
    if (NEGATORS.has(norm)) {
      out.push({ kind: 'negation', word: i, from: i, to: i + 1 });
      for (let j = i + 1, taken = 0; j < n && taken < config.negationScope; j++) {
        const t = tokens[j]!;
        if (t.filler) continue;
        if (SCOPE_ENDS.has(t.norm)) break;
        out.push({ kind: 'negated', word: j, from: j, to: j + 1 });
        taken++;
      }
    }
    const person = PRONOUNS.get(norm);
    if (person !== undefined && !subjectSeen) {
      subjectSeen = true;
      out.push({ kind: 'subject', person, from: i, to: i + 1 });
    }
    if (REPORTING_VERBS.has(norm)) out.push(...reportedSpeech(tokens, i, config));
  }
  // Questions: a question mark when the text has one (typed), else the word order (recogniser).
  if (text.includes('?')) out.push({ kind: 'question', by: 'mark', from: -1, to: -1 });
  const start = firstRealWord(tokens);
  if (start >= 0) {
    const first = tokens[start]!.norm;
    if (QUESTION_WORDS.has(first)) out.push({ kind: 'question', by: 'question-word', from: start, to: start + 1 });
    const second = tokens[start + 1];
    if (QUESTION_VERBS.has(first) && second !== undefined && PRONOUNS.has(featureWord(second.norm, config))) out.push({ kind: 'question', by: 'verb-first', from: start, to: start + 2 });
  }
  if (QUOTE_MARKS.test(text)) out.push({ kind: 'quote', from: -1, to: -1 });
  return out;
}

function firstRealWord(tokens: Tokens): number {
  for (let i = 0; i < tokens.length; i++) if (!tokens[i]!.filler) return i;
  return -1;
}

/**
 * Around a reporting verb at `at`: who speaks (the nearest speaker word up to three words before
 * or two after), and, when it is someone other than the agent, the words that follow (the
 * reported speech) are marked as theirs, so "u zegt dat u het niet wist" does not count as the
 * agent's own words.
 */
function reportedSpeech(tokens: Tokens, at: number, config: FeatureConfig): Marker[] {
  let speaker: 'self' | 'other' | null = null;
  let speakerAt = at;
  for (let d = 1; d <= 3 && speaker === null; d++) {
    for (const j of [at - d, at + d]) {
      if (j < 0 || j >= tokens.length || (j > at && d > 2)) continue;
      const norm = featureWord(tokens[j]!.norm, config);
      if (OTHER_SPEAKERS.has(norm)) speaker = 'other';
      else if (SELF_SPEAKERS.has(norm)) speaker = 'self';
      else continue;
      speakerAt = j;
      break;
    }
  }
  if (speaker === null) return [];
  const from = Math.min(speakerAt, at);
  const to = Math.max(speakerAt, at) + 1;
  const out: Marker[] = [{ kind: 'reported', speaker, from, to }];
  if (speaker === 'self') return out;
  for (let j = to, taken = 0; j < tokens.length && taken < config.reportedScope; j++) {
    if (tokens[j]!.filler) continue;
    out.push({ kind: 'reported-word', word: j, from: j, to: j + 1 });
    taken++;
  }
  return out;
}
