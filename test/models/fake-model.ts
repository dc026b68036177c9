// A small fake model for the install tests: three files (one small JSON file kept in git, two
// "weights" served as LFS files) and a manifest entry pinning them to one commit.
import { gitBlobId } from '../../models/file-sum.ts';
import type { ModelEntry } from '../../models/manifest.ts';
import { sha256 } from './fake-hub.ts';

export const REPO = 'fake-org/whisper-fake_timestamped';
/** The pinned commit; tests may also serve a moving `main`. */
export const REV = '0123456789abcdef0123456789abcdef01234567';

export function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

export const FILES: Record<string, Uint8Array> = {
  'config.json': new TextEncoder().encode('{"model_type":"whisper"}'),
  'onnx/encoder_model.onnx': bytes(300_000, 1),
  'onnx/decoder_model_merged_quantized.onnx': bytes(200_000, 2),
};

/** Pins every file (SHA-256 for .onnx, git blob id for the rest) unless `sums` says otherwise. */
export function entry(sums: Partial<Record<string, string | null>> = {}): ModelEntry {
  return {
    repo: REPO,
    revision: REV,
    description: 'fake',
    dtype: { encoder_model: 'fp32', decoder_model_merged: 'q8' },
    files: Object.entries(FILES).map(([path, data]) => path.endsWith('.onnx')
      ? { path, sha256: path in sums ? sums[path]! : sha256(data) }
      : { path, gitBlob: path in sums ? sums[path]! : gitBlobId(data) }),
  };
}
