// Speech recognisers write compounds apart or together as they please: "nogeens" for "nog eens",
// "ver velend" for "vervelend", "daar voor" for "daarvoor". Patterns name one spelling, so before
// matching, an utterance's words are mended toward the rule set's own vocabulary:
//   - a word the rules never name that splits, in exactly one way, into two words they DO name
//     becomes those two words ("nogeens" -> "nog eens");
//   - two neighbouring words that together make a word the rules name, where at least one of the
//     two is not a word the rules name on its own, become that one word ("ver velend" -> "vervelend").
// Pairs where both halves are rule words ("daar om") are left as heard: a pattern may mean either.

import type { Token, Tokens } from './normalise.ts';
import { WordMemo } from './word-memo.ts';

/** Parts shorter than this are too easily a stray syllable ("he laas"), so they never split off. */
const MIN_PART = 2;
/** Shorter words are left alone: they are the ones most likely to split into two rule words by chance. */
const MIN_SPLIT_LENGTH = 5;

export class CompoundMender {
  /** Word -> where it splits into two rule words, or 0 for nowhere: most words come again and again. */
  private readonly splitAt = new WordMemo<number>(20_000, (word) => this.splitPoint(word));

  constructor(private readonly vocabulary: ReadonlySet<string>) {}

  /** The utterance's tokens with split and merged compounds mended; the same object if none were. */
  mend(tokens: Tokens): Tokens {
    let out: Token[] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i]!;
      const next = tokens[i + 1];
      const merged = next ? this.merge(tok, next) : undefined;
      if (merged) {
        out ??= tokens.slice(0, i);
        out.push(merged);
        i++;
        continue;
      }
      const split = this.split(tok);
      if (split) {
        out ??= tokens.slice(0, i);
        out.push(...split);
        continue;
      }
      out?.push(tok);
    }
    return out === null ? tokens : Object.assign(out, { words: new Set(out.map((t) => t.norm)) });
  }

  private merge(a: Token, b: Token): Token | undefined {
    if (a.filler || b.filler) return undefined;
    const joined = a.norm + b.norm;
    if (!this.vocabulary.has(joined)) return undefined;
    if (this.vocabulary.has(a.norm) && this.vocabulary.has(b.norm)) return undefined;
    return { norm: joined, startChar: a.startChar, endChar: b.endChar, filler: false };
  }

  private split(t: Token): Token[] | undefined {
    const w = t.norm;
    if (t.filler) return undefined;
    const found = this.splitAt.get(w);
    if (found === 0) return undefined;
    // The span follows the letters when the written word is as long as its normal form.
    const cut = t.endChar - t.startChar === w.length ? t.startChar + found : t.endChar;
    return [
      { norm: w.slice(0, found), startChar: t.startChar, endChar: cut, filler: false },
      { norm: w.slice(found), startChar: cut === t.endChar ? t.startChar : cut, endChar: t.endChar, filler: false },
    ];
  }

  /** Where `w` splits, in exactly one way, into two words the rules name; 0 when it does not. */
  private splitPoint(w: string): number {
    if (w.length < MIN_SPLIT_LENGTH || this.vocabulary.has(w) || !/^\p{L}+$/u.test(w)) return 0;
    let found = 0;
    for (let at = MIN_PART; at <= w.length - MIN_PART; at++) {
      if (!this.vocabulary.has(w.slice(0, at)) || !this.vocabulary.has(w.slice(at))) continue;
      if (found !== 0) return 0; // two ways to split: not ours to choose
      found = at;
    }
    return found;
  }
}
