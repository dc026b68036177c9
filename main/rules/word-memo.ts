// A per-word memo for work the live path repeats on every utterance (spelling, compound splits,
// stems, a word's model rows): a call says the same few hundred words again and again. Bounded:
// when it holds `max` words it starts over, so a long-running coach never grows without end.

export class WordMemo<V> {
  private readonly known = new Map<string, V>();

  /** `compute` must never give undefined: the memo could not tell it from "not computed yet". */
  constructor(private readonly max: number, private readonly compute: (word: string) => V) {}

  get(word: string): V {
    let value = this.known.get(word);
    if (value === undefined) {
      value = this.compute(word);
      if (this.known.size >= this.max) this.known.clear();
      this.known.set(word, value);
    }
    return value;
  }
}
