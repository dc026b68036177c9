// The fingerprint of the corpus a model was trained on: sha256 over every corpus file's name and
// bytes, in name order. `rules check` recomputes it and refuses a model trained on another corpus.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { corpusFiles } from '../rules/corpus.ts';

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function corpusHash(corpusDir: string): string {
  const hash = createHash('sha256');
  for (const file of corpusFiles(corpusDir)) {
    hash.update(basename(file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}
