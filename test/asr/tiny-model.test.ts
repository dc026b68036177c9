// The tiny Whisper's graphs are real ONNX: onnxruntime-node loads and runs them, with the
// input and output names transformers.js feeds and reads for WhisperForConditionalGeneration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTinyWhisper, TINY } from './tiny-whisper/build.ts';
import { toWords, maxNewTokens } from '../../main/asr/whisper-recogniser.ts';

const dir = mkdtempSync(join(tmpdir(), 'kc-tiny-'));
buildTinyWhisper(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tiny Whisper graphs', () => {
  it('encoder maps 80x3000 mel frames to 1500 hidden states', async () => {
    const s = await ort.InferenceSession.create(join(dir, 'onnx/encoder_model.onnx'));
    expect(s.inputNames).toEqual(['input_features']);
    const out = await s.run({ input_features: new ort.Tensor('float32', new Float32Array(80 * 3000).fill(0.1), [1, 80, 3000]) });
    expect(out.last_hidden_state!.dims).toEqual([1, 1500, TINY.dModel]);
  });

  it('merged decoder runs without cache, then with it, and exports cross-attention', async () => {
    const s = await ort.InferenceSession.create(join(dir, 'onnx/decoder_model_merged.onnx'));
    expect(s.inputNames).toEqual(expect.arrayContaining(['input_ids', 'encoder_hidden_states', 'use_cache_branch', 'past_key_values.0.decoder.key', 'past_key_values.0.encoder.value']));
    const H = TINY.heads, hd = TINY.dModel / TINY.heads;
    const empty = new ort.Tensor('float32', new Float32Array(0), [1, H, 0, hd]);
    const enc = new ort.Tensor('float32', new Float32Array(1500 * TINY.dModel).map((_, i) => Math.sin(i)), [1, 1500, TINY.dModel]);
    const first = await s.run({
      input_ids: new ort.Tensor('int64', new BigInt64Array([1n, 2n, 3n]), [1, 3]),
      encoder_hidden_states: enc,
      'past_key_values.0.decoder.key': empty, 'past_key_values.0.decoder.value': empty,
      'past_key_values.0.encoder.key': empty, 'past_key_values.0.encoder.value': empty,
      use_cache_branch: new ort.Tensor('bool', [false], [1]),
    });
    expect(first['present.0.decoder.key']!.dims).toEqual([1, H, 3, hd]);
    expect(first['present.0.encoder.key']!.dims).toEqual([1, H, 1500, hd]);
    expect(first['cross_attentions.0']!.dims).toEqual([1, H, 3, 1500]);
    const second = await s.run({
      input_ids: new ort.Tensor('int64', new BigInt64Array([4n]), [1, 1]),
      encoder_hidden_states: enc,
      'past_key_values.0.decoder.key': first['present.0.decoder.key']!, 'past_key_values.0.decoder.value': first['present.0.decoder.value']!,
      'past_key_values.0.encoder.key': first['present.0.encoder.key']!, 'past_key_values.0.encoder.value': first['present.0.encoder.value']!,
      use_cache_branch: new ort.Tensor('bool', [true], [1]),
    });
    expect(second['present.0.decoder.key']!.dims).toEqual([1, H, 4, hd]);
    // The cache branch passes the encoder keys through unchanged.
    expect(second['present.0.encoder.key']!.data).toEqual(first['present.0.encoder.key']!.data);
    // Attention weights are a distribution over the 1500 encoder positions.
    const row = (second['cross_attentions.0']!.data as Float32Array).subarray(0, 1500);
    expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});

describe('word timestamps from Whisper chunks', () => {
  it('clamps times to the audio, fills a missing end, and keeps starts in order', () => {
    const words = toWords([
      { text: ' het', timestamp: [0.1, 0.3] },
      { text: ' spijt', timestamp: [0.05, 0.6] },
      { text: ' ', timestamp: [0.6, 0.7] },
      { text: ' me', timestamp: [3.9, null] },
    ], 2000);
    expect(words).toEqual([
      { text: 'het', startMs: 100, endMs: 300 },
      { text: 'spijt', startMs: 100, endMs: 600 },
      { text: 'me', startMs: 2000, endMs: 2000 },
    ]);
  });

  it('allows more tokens for longer audio, up to the decoder limit', () => {
    expect(maxNewTokens(16000)).toBeLessThan(maxNewTokens(16000 * 10));
    expect(maxNewTokens(16000 * 120)).toBe(440);
  });
});
