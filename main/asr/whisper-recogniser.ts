// Whisper through transformers.js on onnxruntime-node, loaded from the local models folder only.
// Dutch is forced (never detected: detection costs a decoder pass and mislabels short Dutch
// utterances), and word timestamps come from the cross-attention of the _timestamped exports.
// Load this in ONE process only (see speech-worker.ts): several onnxruntime instances in one
// process have crashed in the field (research/asr.md §4).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { readReceipt, type InstallReceipt } from '../../models/receipt.ts';
import { ModelMissingError } from './model-errors.ts';
import { fastWhisperFeatures, type WhisperFeatureExtractorLike } from './whisper-features.ts';
import { SAMPLE_RATE, samplesToMs, type RecognisedWord, type SpeechRecogniser, type Transcript } from './transcript.ts';

export interface WhisperLoadOptions {
  modelsDir: string;
  name: string;
  /** onnxruntime intra-op threads; default: up to 4 (more helps little, research/asr.md §3). */
  threads?: number;
}

interface AsrChunk { text: string; timestamp: [number | null, number | null] }
interface AsrOutput { text: string; chunks?: AsrChunk[] }
type AsrPipeline = ((audio: Float32Array, options: Record<string, unknown>) => Promise<AsrOutput>) & {
  dispose(): Promise<void>;
  processor: { _call: (audio: Float32Array) => Promise<unknown>; feature_extractor: WhisperFeatureExtractorLike };
  model: { sessions: Record<string, { run: (...args: unknown[]) => Promise<unknown> }> };
};

/** Whisper sees at most 30 s per window; longer audio must be cut by the caller (streaming does). */
export const MAX_WINDOW_SAMPLES = 30 * SAMPLE_RATE;

/** Enough tokens for fast Dutch speech (~4.2 syllables/s, research/asr.md §6) plus timestamp tokens. */
export function maxNewTokens(samples: number): number {
  return Math.min(440, Math.ceil((samples / SAMPLE_RATE) * 8) + 16);
}

/** Turns Whisper's word chunks into words with times in ms, clamped to the audio and in order:
 *  Whisper can emit times past the end of the audio, and the last word has no end time. */
export function toWords(chunks: AsrChunk[], durationMs: number): RecognisedWord[] {
  const words: RecognisedWord[] = [];
  let previousStart = 0;
  for (const chunk of chunks) {
    const text = chunk.text.trim();
    if (!text) continue;
    const clamp = (s: number | null, fallback: number) => Math.min(durationMs, Math.max(0, s === null ? fallback : s * 1000));
    const startMs = Math.max(previousStart, clamp(chunk.timestamp[0], previousStart));
    const endMs = Math.max(startMs, clamp(chunk.timestamp[1], durationMs));
    words.push({ text, startMs, endMs });
    previousStart = startMs;
  }
  return words;
}

export class WhisperRecogniser implements SpeechRecogniser {
  private constructor(private readonly asr: AsrPipeline, readonly receipt: InstallReceipt) {}

  static async load(options: WhisperLoadOptions): Promise<WhisperRecogniser> {
    const dir = join(options.modelsDir, options.name);
    const receipt = readReceipt(dir);
    if (!receipt || receipt.files.some((f) => !existsSync(join(dir, f.path)))) throw new ModelMissingError(options.name, options.modelsDir);
    const { env, pipeline, Tensor } = await import('@huggingface/transformers');
    // Never fetch at run time: files come from the verified install folder or loading fails.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = options.modelsDir;
    env.cacheDir = join(options.modelsDir, '.transformers-cache');
    const threads = options.threads ?? Math.min(4, availableParallelism());
    const asr = (await pipeline('automatic-speech-recognition', options.name, {
      device: 'cpu',
      local_files_only: true,
      dtype: receipt.dtype,
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    })) as unknown as AsrPipeline;
    // Log-mel of the speech only, padding filled in, instead of 30 s of JavaScript FFTs per call
    // (whisper-features.ts explains why the result is the same).
    const extractor = asr.processor.feature_extractor;
    asr.processor._call = (audio: Float32Array) => fastWhisperFeatures(extractor, audio, (data, dims) => new Tensor('float32', data, dims));
    return new WhisperRecogniser(asr, receipt);
  }

  async transcribe(audio: Float32Array): Promise<Transcript> {
    const started = performance.now();
    const texts: string[] = [];
    const words: RecognisedWord[] = [];
    // Whisper hears 30 s at a time. Streaming keeps its buffer shorter; anything longer (a long
    // utterance in `analyze`) is cut into consecutive windows whose word times are offset.
    for (let offset = 0; offset < audio.length; offset += MAX_WINDOW_SAMPLES) {
      const window = audio.subarray(offset, offset + MAX_WINDOW_SAMPLES);
      const out = await this.asr(window, {
        language: 'dutch',
        task: 'transcribe',
        return_timestamps: 'word',
        // Also keeps transformers.js on its single-window path instead of its 30-s seek loop.
        max_new_tokens: maxNewTokens(window.length),
      });
      const offsetMs = samplesToMs(offset);
      if (out.text.trim()) texts.push(out.text.trim());
      for (const w of toWords(out.chunks ?? [], samplesToMs(window.length))) {
        words.push({ text: w.text, startMs: w.startMs + offsetMs, endMs: w.endMs + offsetMs });
      }
    }
    return { text: texts.join(' '), words, computeMs: performance.now() - started };
  }

  /** The onnxruntime sessions, for the benchmark that separates model compute from pipeline overhead. */
  get sessions(): AsrPipeline['model']['sessions'] {
    return this.asr.model.sessions;
  }

  async dispose(): Promise<void> {
    await this.asr.dispose();
  }
}
