// The Snowball Dutch stemmer (the published algorithm of snowballstem.org/algorithms/dutch,
// the classic one that Lucene and NLTK ship), written out in TypeScript so the scorer can fold
// "beloofd", "beloven" and "belofte" onto one feature without a dependency. Input is one word as
// the normaliser gives it (lower case, diacritics already removed).
//
// The algorithm in short: mark i and y that act as consonants; find the regions R1 and R2; then
// from the end: (1) -heden -> -heid, -en/-ene and -s/-se after a consonant; (2) a final -e after
// a consonant; (3a) -heid; (3b) -end/-ing/-ig/-lijk/-baar/-bar; (4) undouble a vowel in a final
// consonant-vowel-vowel-consonant ("maan" -> "man").

/** Placeholders for i and y that act as consonants (between vowels, or a y at the start or after a vowel). */
const CONS_I = 'I';
const CONS_Y = 'Y';

const isVowel = (c: string | undefined): boolean => c !== undefined && 'aeiouyè'.includes(c);

/** Step 1(b)/(3a) condition: a consonant before the ending, and not "gem" ("gemen" stays). */
function validEnEnding(w: string, at: number): boolean {
  return at > 0 && !isVowel(w[at - 1]) && !w.slice(0, at).endsWith('gem');
}

function undouble(w: string): string {
  return /(kk|dd|tt)$/.test(w) ? w.slice(0, -1) : w;
}

function markConsonantIY(word: string): string {
  const c = [...word];
  if (c[0] === 'y') c[0] = CONS_Y;
  for (let i = 1; i < c.length; i++) {
    if (!isVowel(c[i - 1])) continue;
    if (c[i] === 'i' && isVowel(c[i + 1])) c[i] = CONS_I;
    else if (c[i] === 'y') c[i] = CONS_Y;
  }
  return c.join('');
}

/** Start of the region after the first consonant that follows a vowel, from `from` on. */
function regionAfter(w: string, from: number): number {
  let i = from;
  while (i < w.length && !isVowel(w[i])) i++;
  while (i < w.length && isVowel(w[i])) i++;
  return Math.min(i + 1, w.length);
}

export function dutchStem(word: string): string {
  if (word.length < 3) return word;
  let w = markConsonantIY(word);
  const p1Raw = regionAfter(w, 0);
  const p2 = regionAfter(w, p1Raw);
  const p1 = Math.max(p1Raw, 3);
  const inR1 = (at: number): boolean => at >= p1;
  const inR2 = (at: number): boolean => at >= p2;

  // Step 1: the longest of -heden, -ene, -en, -se, -s.
  if (w.endsWith('heden')) {
    if (inR1(w.length - 5)) w = `${w.slice(0, -5)}heid`;
  } else if (w.endsWith('ene') || w.endsWith('en')) {
    const at = w.length - (w.endsWith('ene') ? 3 : 2);
    if (inR1(at) && validEnEnding(w, at)) w = undouble(w.slice(0, at));
  } else if (w.endsWith('se') || w.endsWith('s')) {
    const at = w.length - (w.endsWith('se') ? 2 : 1);
    const before = w[at - 1];
    if (inR1(at) && at > 0 && !isVowel(before) && before !== 'j') w = w.slice(0, at);
  }

  // Step 2: a final -e after a consonant.
  let eFound = false;
  const eEnding = (): void => {
    eFound = false;
    const at = w.length - 1;
    if (w.endsWith('e') && inR1(at) && at > 0 && !isVowel(w[at - 1])) {
      w = undouble(w.slice(0, at));
      eFound = true;
    }
  };
  eEnding();

  // Step 3a: -heid, then an -en before it as in step 1.
  if (w.endsWith('heid') && inR2(w.length - 4) && w[w.length - 5] !== 'c') {
    w = w.slice(0, -4);
    const at = w.length - 2;
    if (w.endsWith('en') && inR1(at) && validEnEnding(w, at)) w = undouble(w.slice(0, at));
  }

  // Step 3b: derivational endings, the longest that is there.
  const suffix = ['lijk', 'baar', 'end', 'ing', 'bar', 'ig'].find((s) => w.endsWith(s));
  if (suffix !== undefined) {
    const at = w.length - suffix.length;
    if (suffix === 'end' || suffix === 'ing') {
      if (inR2(at)) {
        w = w.slice(0, at);
        if (w.endsWith('ig') && inR2(w.length - 2) && w[w.length - 3] !== 'e') w = w.slice(0, -2);
        else w = undouble(w);
      }
    } else if (suffix === 'ig') {
      if (inR2(at) && w[at - 1] !== 'e') w = w.slice(0, at);
    } else if (suffix === 'lijk') {
      if (inR2(at)) {
        w = w.slice(0, at);
        eEnding();
      }
    } else if (suffix === 'baar') {
      if (inR2(at)) w = w.slice(0, at);
    } else if (inR2(at) && eFound) {
      w = w.slice(0, at); // "bar", only where step 2 removed an e
    }
  }

  // Step 4: undouble the vowel of a final consonant + aa/ee/oo/uu + consonant.
  const n = w.length;
  if (n >= 4 && !isVowel(w[n - 1]) && w[n - 1] !== CONS_I && /^(aa|ee|oo|uu)$/.test(w.slice(n - 3, n - 1)) && !isVowel(w[n - 4])) {
    w = w.slice(0, n - 2) + w[n - 1];
  }
  return w.replaceAll(CONS_I, 'i').replaceAll(CONS_Y, 'y');
}
