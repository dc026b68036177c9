import { describe, expect, it } from 'vitest';
import { BucketIndex } from '../../main/scorer/bucket-index.ts';
import { seededRandom } from '../../main/scorer/seeded-random.ts';

describe('bucket index', () => {
  it('gives each kept bucket its position as row, and -1 for every other bucket', () => {
    for (const hashBits of [10, 16, 22]) {
      const size = 2 ** hashBits;
      // Dense at the start, a run within one block, and the last bucket there is.
      const kept = Int32Array.from([0, 1, 2, 63, 64, 65, 1000, 1001, size - 1]);
      const index = new BucketIndex(kept, hashBits);
      kept.forEach((b, row) => expect(index.rowOf(b)).toBe(row));
      for (const absent of [3, 62, 66, 999, 1002, size - 2]) expect(index.rowOf(absent)).toBe(-1);
    }
  });

  it('agrees with a plain lookup table on random buckets', () => {
    const random = seededRandom(7);
    const next = (): number => Math.floor(random() * 2 ** 22);
    const kept = Int32Array.from(new Set(Array.from({ length: 5000 }, next))).sort();
    const index = new BucketIndex(kept, 22);
    const table = new Map(Array.from(kept, (b, row) => [b, row]));
    for (let i = 0; i < 20000; i++) {
      const b = next();
      expect(index.rowOf(b)).toBe(table.get(b) ?? -1);
    }
  });

  it('refuses buckets out of order, repeated, or outside the hash space, naming the place', () => {
    expect(() => new BucketIndex(Int32Array.from([5, 3]), 10)).toThrow('buckets: not ascending at position 1 (5 then 3)');
    expect(() => new BucketIndex(Int32Array.from([5, 5]), 10)).toThrow('not ascending at position 1');
    expect(() => new BucketIndex(Int32Array.from([1024]), 10)).toThrow('buckets: 1024 is outside 2^10');
  });
});
