// The fast feature path must give exactly what transformers.js computes over the full 30-s window.
import { Tensor, WhisperFeatureExtractor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { fastWhisperFeatures, type WhisperFeatureExtractorLike } from '../../main/asr/whisper-features.ts';
import { seededRandom } from './tiny-whisper/graph-builder.ts';

const config = {
  feature_size: 80, hop_length: 160, n_fft: 400, chunk_length: 30, n_samples: 480000, nb_max_frames: 3000,
  padding_value: 0, return_attention_mask: false, sampling_rate: 16000,
};

function speechLike(seconds: number, seed: number): Float32Array {
  const rand = seededRandom(seed);
  const n = Math.round(seconds * 16000);
  // Tones plus noise with a varying envelope: enough structure to give every mel bin a real range.
  return new Float32Array(n).map((_, i) => 0.3 * Math.sin(i * (0.03 + 0.02 * Math.sin(i / 4000))) * Math.abs(Math.sin(i / 2500)) + 0.02 * (rand() - 0.5));
}

describe('fast Whisper features', () => {
  const extractor = new WhisperFeatureExtractor(config) as unknown as WhisperFeatureExtractorLike;

  for (const seconds of [0.2, 6, 29.99]) {
    it(`equal the full 30-s computation for ${seconds} s of audio`, async () => {
      const audio = speechLike(seconds, Math.round(seconds * 100));
      const full = (await extractor(audio)).input_features;
      const fast = (await fastWhisperFeatures(extractor, audio, (data, dims) => new Tensor('float32', data, dims))).input_features;
      expect(fast.dims).toEqual([1, 80, 3000]);
      const a = full.data, b = fast.data as Float32Array;
      let worst = 0;
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('handles silence (all padding) like the full computation', async () => {
    const audio = new Float32Array(8000);
    const full = (await extractor(audio)).input_features.data;
    const fast = (await fastWhisperFeatures(extractor, audio, (data, dims) => new Tensor('float32', data, dims))).input_features.data as Float32Array;
    expect(Array.from(fast.subarray(0, 10))).toEqual(Array.from(full.subarray(0, 10)));
    expect(fast[fast.length - 1]).toBe(full[full.length - 1]);
  });
});
