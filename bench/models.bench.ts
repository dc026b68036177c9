// Model install figures, for whisper-base-sized weights (82.5 MB encoder + 53.7 MB decoder):
// - verifying a file: SHA-256 and the git blob id (SHA-1) in one pass (models/file-sum.ts), in MB/s;
// - a whole install from a folder (copy, verify, receipt, atomic rename), the path an air-gapped
//   desktop takes with `models install NAME --from DIR`.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sumsOfFile } from '../models/file-sum.ts';
import { installModel } from '../models/install.ts';
import type { ModelEntry } from '../models/manifest.ts';
import { folderSource } from '../models/sources.ts';
import { fmt, median } from './stats.ts';

const MB = 1024 * 1024;
const SIZES = { 'onnx/encoder_model.onnx': 82.5 * MB, 'onnx/decoder_model_merged_quantized.onnx': 53.7 * MB };

function pseudoRandom(bytes: number, seed: number): Buffer {
  const out = Buffer.alloc(Math.round(bytes));
  let x = seed;
  for (let i = 0; i < out.length; i += 4) {
    x = (x * 1664525 + 1013904223) >>> 0;
    out.writeUInt32LE(x, Math.min(i, out.length - 4));
  }
  return out;
}

export default async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kc-models-bench-'));
  try {
    const folder = join(work, 'share');
    const files: ModelEntry['files'] = [];
    let seed = 1;
    for (const [path, size] of Object.entries(SIZES)) {
      const data = pseudoRandom(size, seed++);
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), data);
      files.push({ path, sha256: (await sumsOfFile(join(folder, path))).sha256 });
    }
    const totalMb = Object.values(SIZES).reduce((a, b) => a + b, 0) / MB;

    const verifyMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      for (const path of Object.keys(SIZES)) await sumsOfFile(join(folder, path));
      verifyMs.push(performance.now() - started);
    }
    console.log(`verify ${fmt(totalMb, 1)} MB (sha256 + git blob id, one pass): median ${fmt(median(verifyMs), 0)} ms, ${fmt(totalMb / (median(verifyMs) / 1000), 0)} MB/s (5 runs)`);

    const entry: ModelEntry = {
      repo: 'bench/whisper-bench', revision: 'b'.repeat(40), description: 'bench',
      dtype: { encoder_model: 'fp32', decoder_model_merged: 'q8' }, files,
    };
    const installMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const models = join(work, `models-${i}`);
      const started = performance.now();
      await installModel({ name: 'whisper-bench', entry, modelsDir: models, source: folderSource(folder) });
      installMs.push(performance.now() - started);
      rmSync(models, { recursive: true, force: true });
    }
    console.log(`install ${fmt(totalMb, 1)} MB from a folder (copy, verify, receipt, rename): median ${fmt(median(installMs), 0)} ms (3 runs)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
