// Which weight row of the model a feature's hash bucket has. The model keeps about 150,000 of
// 2^22 buckets; a table with a slot for every bucket would take 16 MB, most of it saying "no
// row". Instead one bit per bucket says whether the model keeps it, and the rows are numbered in
// bucket order, so a kept bucket's row is the number of kept buckets below it: a count stored
// per 32 buckets plus the set bits below it in its own 32. One lookup is a few integer
// operations on 1 MB of tables (a scan of a sorted list per block of buckets, tried first, made
// the whole rule engine 12 % slower).

export class BucketIndex {
  /** Bit b % 32 of word b / 32: bucket b is kept. */
  private readonly kept: Uint32Array;
  /** Kept buckets in all words before this one. */
  private readonly rowsBefore: Int32Array;

  /** `buckets`: the kept buckets, strictly ascending, each below 2^hashBits; row i is buckets[i]. */
  constructor(buckets: Int32Array, hashBits: number) {
    const size = 2 ** hashBits;
    const words = Math.ceil(size / 32);
    this.kept = new Uint32Array(words);
    this.rowsBefore = new Int32Array(words);
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i]!;
      if (b < 0 || b >= size) throw new Error(`buckets: ${b} is outside 2^${hashBits}`);
      if (i > 0 && b <= buckets[i - 1]!) throw new Error(`buckets: not ascending at position ${i} (${buckets[i - 1]} then ${b})`);
      this.kept[b >>> 5]! |= 1 << (b & 31);
    }
    for (let w = 1, before = 0; w < words; w++) {
      before += bitCount(this.kept[w - 1]!);
      this.rowsBefore[w] = before;
    }
  }

  /** The row of `bucket`, or -1 when the model has no weights for it. */
  rowOf(bucket: number): number {
    const w = bucket >>> 5;
    const word = this.kept[w]!;
    const bit = 1 << (bucket & 31);
    if ((word & bit) === 0) return -1;
    return this.rowsBefore[w]! + bitCount(word & (bit - 1));
  }
}

/** Set bits in a 32-bit word. */
function bitCount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
