// Shared pieces of the corpus scripts: the pool line (an authored line with its id, before
// labelling), JSON-lines reading and writing, and a seeded shuffle.
import { readFileSync, writeFileSync } from 'node:fs';

export interface PoolLine {
  id: string;
  text: string;
  context: string;
  author: string;
  /** What the author meant the line to show; never shown to labellers. */
  intended: string[];
  hard: boolean;
  phase: string;
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l, i) => {
    try {
      return JSON.parse(l) as T;
    } catch (err) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(err as Error).message})`, { cause: err });
    }
  });
}

export function writeJsonl(file: string, rows: readonly unknown[]): void {
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** Fisher-Yates with a small seeded generator, so every run deals the same chunks. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const random = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
