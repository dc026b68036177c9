// The two sums a model file is checked against. Large (LFS) files are pinned by the SHA-256 the
// hub publishes as "Git LFS Details"; small files kept in git itself (config, tokenizer) by their
// git blob id, which is what the revision's tree records for them: SHA-1 over `blob <size>\0`
// followed by the content. Both are computed in one pass, so every installed file gets both.
import { createHash } from 'node:crypto';
import { createReadStream, renameSync, statSync, unlinkSync } from 'node:fs';

/** The manifest's field names, so `sums[expected.kind]` picks the one to compare. */
export type SumKind = 'sha256' | 'gitBlob';

export interface ExpectedSum {
  kind: SumKind;
  /** null: nothing to compare with (an unpinned small file); the sums are only recorded. */
  value: string | null;
}

export interface FileSums {
  sha256: string;
  gitBlob: string;
  sizeBytes: number;
}

export const SUM_LABEL: Record<SumKind, string> = { sha256: 'sha256', gitBlob: 'git blob id' };

export class ChecksumMismatchError extends Error {
  constructor(readonly file: string, readonly kind: SumKind, readonly expected: string, readonly actual: string) {
    super(`checksum mismatch for ${file}: expected ${SUM_LABEL[kind]} ${expected}, got ${actual}; the file was deleted`);
    this.name = 'ChecksumMismatchError';
  }
}

function gitBlobHash(sizeBytes: number) {
  return createHash('sha1').update(`blob ${sizeBytes}\0`);
}

/** The git blob id of bytes in memory (tests, fake servers). */
export function gitBlobId(data: Uint8Array): string {
  return gitBlobHash(data.byteLength).update(data).digest('hex');
}

export async function sumsOfFile(path: string): Promise<FileSums> {
  const sizeBytes = statSync(path).size;
  const sha256 = createHash('sha256');
  const blob = gitBlobHash(sizeBytes);
  for await (const chunk of createReadStream(path)) {
    sha256.update(chunk as Buffer);
    blob.update(chunk as Buffer);
  }
  return { sha256: sha256.digest('hex'), gitBlob: blob.digest('hex'), sizeBytes };
}

/**
 * Checks a finished `<dest>.part` and only then renames it to `dest`: a file under its final
 * name has always been verified. A mismatch deletes the part, so bad bytes are never kept and
 * never resumed from.
 */
export async function verifyInto(part: string, dest: string, label: string, expected: ExpectedSum): Promise<FileSums> {
  const sums = await sumsOfFile(part);
  if (expected.value !== null && sums[expected.kind] !== expected.value) {
    unlinkSync(part);
    throw new ChecksumMismatchError(label, expected.kind, expected.value, sums[expected.kind]);
  }
  renameSync(part, dest);
  return sums;
}
