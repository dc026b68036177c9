// Faster Whisper features for short utterances. transformers.js computes the log-mel spectrogram
// of the whole 30-s window, zero padding included, on every call: about 1.4 s of JavaScript per
// utterance on our test machine (`npm run bench asr`), more than a base encoder pass. The padding
// part is predictable: a window of zeros has mel power 0, floored to 1e-10, so after Whisper's
// log10 + max-8 clamp every padded frame holds the same value, and padding never changes the
// maximum. So we compute the spectrogram of the speech plus enough zeros that the last frames
// see only zeros (and the centre-reflect padding at the end reflects zeros, as in the full
// window), then repeat that all-zero frame's value up to 3000 frames. The result equals the full
// computation (checked in test/asr/whisper-features.test.ts) at a cost that grows with the
// utterance instead of always paying for 30 s.
interface FeatureTensor {
  dims: number[];
  data: Float32Array;
}

export interface WhisperFeatureExtractorLike {
  (audio: Float32Array, options?: { max_length?: number }): Promise<{ input_features: FeatureTensor }>;
  config: { n_samples: number; hop_length: number; n_fft: number; nb_max_frames: number; feature_size: number };
}

export type MakeTensor<T> = (data: Float32Array, dims: number[]) => T;

export async function fastWhisperFeatures<T>(extractor: WhisperFeatureExtractorLike, audio: Float32Array, makeTensor: MakeTensor<T>): Promise<{ input_features: T | FeatureTensor }> {
  const { n_samples, hop_length: hop, n_fft, nb_max_frames: fullFrames, feature_size: mels } = extractor.config;
  // Samples computed: speech, then at least n_fft of zeros, rounded up to whole hops, plus one hop.
  const length = (Math.ceil((audio.length + n_fft) / hop) + 1) * hop;
  if (length >= n_samples) return extractor(audio);
  const short = (await extractor(audio, { max_length: length })).input_features;
  const frames = short.dims[2]!;
  const full = new Float32Array(mels * fullFrames);
  for (let m = 0; m < mels; m++) {
    const row = short.data.subarray(m * frames, (m + 1) * frames);
    const target = full.subarray(m * fullFrames, (m + 1) * fullFrames);
    target.set(row);
    target.fill(row[frames - 1]!, frames); // the all-zero frame's value, as every padded frame has
  }
  return { input_features: makeTensor(full, [short.dims[0]!, mels, fullFrames]) };
}
