import { describe, expect, it } from 'vitest';
import { loadManifest, onnxFileFor, parseManifest } from '../../models/manifest.ts';

const good = {
  models: {
    'whisper-x': {
      repo: 'org/whisper-x_timestamped', revision: 'main', description: 'x',
      dtype: { encoder_model: 'fp32', decoder_model_merged: 'q8' },
      files: [
        { path: 'config.json', sha256: null },
        { path: 'onnx/encoder_model.onnx', sha256: 'a'.repeat(64) },
        { path: 'onnx/decoder_model_merged_quantized.onnx', sha256: null },
      ],
    },
  },
};

describe('model manifest', () => {
  it('ships a base and a small multilingual timestamped Whisper with fp32 encoder and q8 decoder', () => {
    const manifest = loadManifest();
    for (const name of ['whisper-base', 'whisper-small']) {
      const entry = manifest.models[name]!;
      expect(entry.repo).toMatch(/^onnx-community\/whisper-(base|small)_timestamped$/);
      expect(entry.dtype).toEqual({ encoder_model: 'fp32', decoder_model_merged: 'q8' });
      const paths = entry.files.map((f) => f.path);
      expect(paths).toEqual(expect.arrayContaining(['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']));
    }
  });

  it('maps dtypes to the file names transformers.js loads', () => {
    expect(onnxFileFor('encoder_model', 'fp32')).toBe('onnx/encoder_model.onnx');
    expect(onnxFileFor('decoder_model_merged', 'q8')).toBe('onnx/decoder_model_merged_quantized.onnx');
  });

  it('accepts a well-formed manifest', () => {
    expect(Object.keys(parseManifest(JSON.stringify(good), 'm.json').models)).toEqual(['whisper-x']);
  });

  it('names the file and field of each problem', () => {
    const badSum = structuredClone(good);
    badSum.models['whisper-x'].files[1]!.sha256 = 'XYZ';
    expect(() => parseManifest(JSON.stringify(badSum), 'm.json')).toThrow('m.json: models.whisper-x.files.1.sha256: must be 64 lower-case hex digits');

    const missingModule = structuredClone(good);
    missingModule.models['whisper-x'].files.pop();
    expect(() => parseManifest(JSON.stringify(missingModule), 'm.json')).toThrow(/m.json: models.whisper-x.files: dtype decoder_model_merged=q8 needs onnx\/decoder_model_merged_quantized.onnx/);

    const escape = structuredClone(good);
    escape.models['whisper-x'].files[0]!.path = '../../etc/passwd';
    expect(() => parseManifest(JSON.stringify(escape), 'm.json')).toThrow(/files.0.path: must be a relative path/);

    expect(() => parseManifest('{', 'm.json')).toThrow(/^m.json: not valid JSON/);
  });
});
