// LocalAgreement-2 (Macháček et al. 2023, ufal/whisper_streaming): re-transcribe a growing
// buffer and commit only the words on which two consecutive passes agree. Whisper's last words
// change while the speaker is still mid-sentence; words two passes agree on almost never do.
// Committed words are final: later passes can add words after them but never change them.
import type { RecognisedWord } from './transcript.ts';

/** Compare words as a recogniser's output varies: case, punctuation and spacing do not count. */
export function normaliseWord(text: string): string {
  return text.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Words starting this much before the last committed end still count as new (timestamp jitter). */
const JITTER_MS = 100;
/** Longest repeated run of committed words looked for at the start of a new hypothesis. */
const MAX_OVERLAP_WORDS = 5;

export class LocalAgreement {
  private readonly committedWords: RecognisedWord[] = [];
  private previous: RecognisedWord[] = [];

  get committed(): readonly RecognisedWord[] {
    return this.committedWords;
  }

  /** The uncommitted tail of the latest hypothesis (for a greyed-out "still listening" view). */
  get tentative(): readonly RecognisedWord[] {
    return this.previous;
  }

  /** Feeds one pass's words (times in call ms); returns the words this pass committed. */
  insert(hypothesis: readonly RecognisedWord[]): RecognisedWord[] {
    const fresh = this.unseen(hypothesis);
    let agreed = 0;
    while (
      agreed < fresh.length && agreed < this.previous.length &&
      normaliseWord(fresh[agreed]!.text) === normaliseWord(this.previous[agreed]!.text)
    ) agreed++;
    const commit = fresh.slice(0, agreed);
    this.committedWords.push(...commit);
    this.previous = fresh.slice(agreed);
    return commit;
  }

  /** End of the utterance: the final pass is trusted as it is; commits all its new words. */
  flush(finalHypothesis: readonly RecognisedWord[]): RecognisedWord[] {
    const rest = this.unseen(finalHypothesis);
    this.committedWords.push(...rest);
    this.previous = [];
    return rest;
  }

  /** The part of a hypothesis after what is already committed. */
  private unseen(hypothesis: readonly RecognisedWord[]): RecognisedWord[] {
    const last = this.committedWords.at(-1);
    if (!last) return [...hypothesis];
    let words = hypothesis.filter((w) => w.startMs >= last.endMs - JITTER_MS);
    // Whisper often repeats the last committed word(s) with times that overlap them: drop the
    // longest run at the start of the new words that equals the end of the committed words.
    for (let n = Math.min(MAX_OVERLAP_WORDS, words.length, this.committedWords.length); n > 0; n--) {
      const tail = this.committedWords.slice(-n).map((w) => normaliseWord(w.text)).join(' ');
      const head = words.slice(0, n).map((w) => normaliseWord(w.text)).join(' ');
      if (tail === head) {
        words = words.slice(n);
        break;
      }
    }
    return words;
  }
}
