// Syllables in Dutch text, for the agent's speaking pace (main/rules/types/pace.ts). Counted as
// vowel groups, the way Dutch spelling marks syllable nuclei: "ij" is one vowel, long vowels and
// diphthongs (aa, ee, oe, ui, eeuw, ...) are one group, and a diaeresis starts a new one
// ("ideeën" = i-dee-en, "geïnteresseerd" = ge-ïn-te-res-seerd). A digit counts as one syllable,
// close enough for numbers said on the phone. An estimate, good to a syllable or so per sentence:
// pace is judged over 20 seconds of speech, where such slips average out.
const VOWEL = /[aeiouyàáâäèéêëìíîïòóôöùúûü]/;
const DIAERESIS = /[ëïöü]/;

function wordSyllables(word: string): number {
  const w = word.replace(/ij/g, 'y');
  let count = 0;
  let inGroup = false;
  for (const ch of w) {
    if (/\d/.test(ch)) {
      count++;
      inGroup = false;
    } else if (VOWEL.test(ch)) {
      if (!inGroup || DIAERESIS.test(ch)) count++;
      inGroup = true;
    } else {
      inGroup = false;
    }
  }
  return count;
}

/** The words of a text with their syllable counts (punctuation dropped). */
export function syllablesPerWord(text: string): number[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(wordSyllables);
}

export function countSyllables(text: string): number {
  return syllablesPerWord(text).reduce((sum, n) => sum + n, 0);
}
