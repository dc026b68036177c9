import { describe, expect, it } from 'vitest';
import { loadManifest, onnxFileFor, parseManifest, pinnedSum, unpinnedFiles } from '../../models/manifest.ts';

const good = {
  models: {
    'whisper-x': {
      repo: 'org/whisper-x_timestamped', revision: '85322b45a808c5f17e4a70a21ea1c431b5348e62', description: 'x',
      dtype: { encoder_model: 'fp32', decoder_model_merged: 'q8' },
      files: [
        { path: 'config.json', gitBlob: null },
        { path: 'onnx/encoder_model.onnx', sha256: 'a'.repeat(64) },
        { path: 'onnx/decoder_model_merged_quantized.onnx', sha256: null },
      ] as { path: string; gitBlob?: string | null; sha256?: string | null }[],
    },
  },
};

describe('model manifest', () => {
  it('ships a base and a small multilingual timestamped Whisper, each pinned to a commit, fp32 encoder and q8 decoder', () => {
    const manifest = loadManifest();
    for (const name of ['whisper-base', 'whisper-small']) {
      const entry = manifest.models[name]!;
      expect(entry.repo).toMatch(/^onnx-community\/whisper-(base|small)_timestamped$/);
      expect(entry.revision).toMatch(/^[0-9a-f]{40}$/);
      expect(entry.dtype).toEqual({ encoder_model: 'fp32', decoder_model_merged: 'q8' });
      const paths = entry.files.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']));
      // Weights are LFS files (SHA-256); the JSON files live in git (blob id).
      for (const f of entry.files) expect(pinnedSum(f).kind).toBe(f.path.endsWith('.onnx') ? 'sha256' : 'gitBlob');
    }
  });

  it('pins both weight files of whisper-base, so its download needs no flag', () => {
    expect(unpinnedFiles(loadManifest().models['whisper-base']!).large).toEqual([]);
  });

  it('maps dtypes to the file names transformers.js loads', () => {
    expect(onnxFileFor('encoder_model', 'fp32')).toBe('onnx/encoder_model.onnx');
    expect(onnxFileFor('decoder_model_merged', 'q8')).toBe('onnx/decoder_model_merged_quantized.onnx');
  });

  it('accepts a well-formed manifest and tells pinned from unpinned files', () => {
    const entry = parseManifest(JSON.stringify(good), 'm.json').models['whisper-x']!;
    expect(pinnedSum(entry.files[1]!)).toEqual({ kind: 'sha256', value: 'a'.repeat(64) });
    expect(unpinnedFiles(entry)).toEqual({ large: ['onnx/decoder_model_merged_quantized.onnx'], small: ['config.json'] });
  });

  it('names the file and field of each problem', () => {
    const badSum = structuredClone(good);
    badSum.models['whisper-x'].files[1]!.sha256 = 'XYZ';
    expect(() => parseManifest(JSON.stringify(badSum), 'm.json')).toThrow('m.json: models.whisper-x.files.1.sha256: must be 64 lower-case hex digits');

    const badBlob = structuredClone(good);
    badBlob.models['whisper-x'].files[0]!.gitBlob = 'a'.repeat(64);
    expect(() => parseManifest(JSON.stringify(badBlob), 'm.json')).toThrow('m.json: models.whisper-x.files.0.gitBlob: must be 40 lower-case hex digits (a git blob id)');

    const both = structuredClone(good);
    both.models['whisper-x'].files[0]!.sha256 = null;
    expect(() => parseManifest(JSON.stringify(both), 'm.json')).toThrow('m.json: models.whisper-x.files.0: give exactly one of sha256 (a large LFS file) or gitBlob (a small file kept in git)');

    const branch = structuredClone(good);
    branch.models['whisper-x'].revision = 'main';
    expect(() => parseManifest(JSON.stringify(branch), 'm.json')).toThrow('m.json: models.whisper-x.revision: must be a full 40-hex commit id, not a branch or tag name');

    const missingModule = structuredClone(good);
    missingModule.models['whisper-x'].files.pop();
    expect(() => parseManifest(JSON.stringify(missingModule), 'm.json')).toThrow(/m.json: models.whisper-x.files: dtype decoder_model_merged=q8 needs onnx\/decoder_model_merged_quantized.onnx/);

    const escape = structuredClone(good);
    escape.models['whisper-x'].files[0]!.path = '../../etc/passwd';
    expect(() => parseManifest(JSON.stringify(escape), 'm.json')).toThrow(/files.0.path: must be a relative path/);

    expect(() => parseManifest('{', 'm.json')).toThrow(/^m.json: not valid JSON/);
  });
});
