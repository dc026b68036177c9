// Puts the tiny Whisper into a models folder exactly as `klachtcoach models download` would leave
// a real one (files plus the install receipt), so tests load it through the production path.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeReceipt } from '../../../models/receipt.ts';
import { buildTinyWhisper } from './build.ts';

export const TINY_NAME = 'whisper-tiny-test';

export function installTinyWhisper(modelsDir: string, name = TINY_NAME, seed = 1234): string {
  const dir = join(modelsDir, name);
  const { files } = buildTinyWhisper(dir, seed);
  writeReceipt(dir, {
    name,
    repo: 'klachtcoach-tests/tiny-whisper',
    revision: `seed-${seed}`,
    installedAt: new Date().toISOString(),
    dtype: { encoder_model: 'fp32', decoder_model_merged: 'fp32' },
    files: files.map((path) => ({
      path,
      sizeBytes: statSync(join(dir, path)).size,
      sha256: createHash('sha256').update(readFileSync(join(dir, path))).digest('hex'),
      sumSource: 'computed' as const,
    })),
  });
  return dir;
}
