// The install receipt: written last into a model folder, so its presence means "complete and
// verified". The loader trusts a folder only with a valid receipt, and takes the dtypes from it,
// so what runs is exactly what was checked at install time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Dtype } from './manifest.ts';

export const RECEIPT_FILE = 'klachtcoach-model.json';

export const InstalledFile = z.object({
  path: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The git blob id; absent in receipts written before it was recorded. */
  gitBlob: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  /** What the file was checked against: the manifest's pinned sum, the sum the server announced
   *  (--accept-hub-sums), or nothing (a small file without a published blob id; its sums are
   *  only recorded here). */
  sumSource: z.enum(['manifest', 'hub-lfs', 'computed']),
});
export type InstalledFile = z.infer<typeof InstalledFile>;

export const InstallReceipt = z.object({
  name: z.string().min(1),
  repo: z.string().min(1),
  revision: z.string().min(1),
  /** Where the bytes came from: the hub's or a mirror's address, or the folder installed from. */
  source: z.string().min(1).optional(),
  installedAt: z.string().min(1),
  dtype: z.object({ encoder_model: Dtype, decoder_model_merged: Dtype }),
  files: z.array(InstalledFile).min(1),
});
export type InstallReceipt = z.infer<typeof InstallReceipt>;

export function writeReceipt(dir: string, receipt: InstallReceipt): void {
  writeFileSync(join(dir, RECEIPT_FILE), `${JSON.stringify(InstallReceipt.parse(receipt), null, 2)}\n`);
}

/** The receipt of an installed model, or null when the folder holds no (valid) installation. */
export function readReceipt(dir: string): InstallReceipt | null {
  const file = join(dir, RECEIPT_FILE);
  if (!existsSync(file)) return null;
  try {
    const parsed = InstallReceipt.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
