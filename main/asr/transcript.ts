// What speech recognition returns for one stretch of agent audio. Times are milliseconds from
// the start of the audio that was passed in; the caller adds the utterance's offset in the call.
import { z } from 'zod';
import { ENGINE_RATE_HZ } from '../audio/resample.ts';

export const RecognisedWord = z.object({
  text: z.string(),
  startMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
});
export type RecognisedWord = z.infer<typeof RecognisedWord>;

export const Transcript = z.object({
  text: z.string(),
  /** Empty when the model cannot give word timestamps (no cross-attention outputs). */
  words: z.array(RecognisedWord),
  /** Time spent in the recogniser for this audio, for latency figures. */
  computeMs: z.number().nonnegative(),
});
export type Transcript = z.infer<typeof Transcript>;

/** Anything that turns 16 kHz mono agent audio into Dutch text: the worker, or a fake in tests. */
export interface SpeechRecogniser {
  transcribe(audio: Float32Array): Promise<Transcript>;
}

/** Recognisers are fed the engine's own audio, so they share its sample rate. */
export const SAMPLE_RATE = ENGINE_RATE_HZ;
export const samplesToMs = (samples: number): number => (samples / SAMPLE_RATE) * 1000;
export const msToSamples = (ms: number): number => Math.round((ms / 1000) * SAMPLE_RATE);
