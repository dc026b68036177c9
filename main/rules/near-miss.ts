// Speech recognisers misspell long words by a letter ("directe" for "directie", "garandeert"
// for "garandeer"). Words of the rule set's own vocabulary that are at least MIN_LENGTH letters
// long are therefore also recognised one edit away, through an index of single-letter
// deletions (each lookup is a handful of Map reads, so this stays cheap per utterance).
// Short words are left alone: "kan"/"kon" or "wel"/"wil" differ by one letter and mean
// different things. The first letter must match, which keeps "gesloten" from becoming "besloten".

import { WordMemo } from './word-memo.ts';

export const MIN_LENGTH = 7;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export class NearMissSpeller {
  /** Deletion key -> the one vocabulary word it came from, or null when several share it. */
  private readonly index = new Map<string, string | null>();
  /** Word -> its correction, or null for none: every word of every utterance asks, most of them again. */
  private readonly memo = new WordMemo<string | null>(20_000, (word) => this.lookUp(word) ?? null);

  constructor(private readonly vocabulary: ReadonlySet<string>) {
    for (const word of vocabulary) {
      if (word.length < MIN_LENGTH || !/^\p{L}+$/u.test(word)) continue;
      for (const key of [word, ...deletions(word)]) {
        const seen = this.index.get(key);
        this.index.set(key, seen === undefined || seen === word ? word : null);
      }
    }
  }

  /** The vocabulary word one edit away from `word`, when there is exactly one; else undefined. */
  correct(word: string): string | undefined {
    if (word.length < MIN_LENGTH - 1) return undefined;
    return this.memo.get(word) ?? undefined;
  }

  private lookUp(word: string): string | undefined {
    if (this.vocabulary.has(word)) return undefined;
    let found: string | undefined;
    for (const key of [word, ...deletions(word)]) {
      const hit = this.index.get(key);
      if (hit === undefined) continue;
      if (hit === null || (found !== undefined && found !== hit)) return undefined;
      found = hit;
    }
    return found !== undefined && found[0] === word[0] ? found : undefined;
  }
}
