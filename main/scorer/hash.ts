// Feature hashing: every feature is a 32-bit FNV-1a hash of its kind and its text, so the scorer
// needs no vocabulary file and a feature costs a few multiplications, not a string. The model
// keeps only the hashes it learned weights for (main/scorer/model.ts).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** One step of FNV-1a: the hash `h` extended by one 16-bit character code. */
export function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME);
}

/** The hash of a string, started from `seed` (a feature kind's own seed keeps kinds apart). */
export function hashString(s: string, seed: number = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}

/** Two hashes made into one, order-sensitive ("niet goed" is not "goed niet"). */
export function combine(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seed per feature kind, derived from its name. */
export function kindSeed(kind: string): number {
  return hashString(kind);
}
