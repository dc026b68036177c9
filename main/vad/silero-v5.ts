// Silero VAD v5 on onnxruntime-node, from the ONNX file that @ricky0123/vad-web ships (no
// download). The model must see each 512-sample frame with the last 64 samples of the previous
// frame in front of it (input 576) and its recurrent state carried over: a bare 512-sample frame
// runs without error but scores near zero (research/asr.md §5). One session serves both channels
// of a call as a batch of two, each row with its own context and state.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { CallVad, VadModel } from './vad-model.ts';
import { ENGINE_RATE_HZ } from '../audio/resample.ts';

export const SILERO_FRAME_SAMPLES = 512;
export const SILERO_CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;
/** Silero takes 8 or 16 kHz; it is fed the engine's frames, so it runs at the engine's rate. */
const SAMPLE_RATE = BigInt(ENGINE_RATE_HZ);

export class VadModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VadModelError';
  }
}

/** Where the v5 model lives inside the installed @ricky0123/vad-web package. */
export function defaultSileroV5Path(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('@ricky0123/vad-web/package.json');
  } catch {
    throw new VadModelError('@ricky0123/vad-web is not installed, so its silero_vad_v5.onnx cannot be found: run `npm ci`');
  }
  return join(dirname(packageJson), 'dist', 'silero_vad_v5.onnx');
}

export async function loadSileroSession(modelPath = defaultSileroV5Path()): Promise<ort.InferenceSession> {
  if (!existsSync(modelPath)) {
    throw new VadModelError(`Silero VAD model not found at ${modelPath}: run \`npm ci\` to restore @ricky0123/vad-web`);
  }
  try {
    // One thread: the VAD is cheap and the cores belong to ASR and the rest of the machine.
    return await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  } catch (err) {
    throw new VadModelError(`cannot load Silero VAD model ${modelPath}: ${(err as Error).message}`);
  }
}

/**
 * Silero over a fixed batch of channels (1 or 2), one state and one 64-sample context per channel.
 * The model takes input [batch, 576] and state [2, batch, 128]; batch rows are independent.
 */
export class SileroBatch {
  private readonly width = SILERO_CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES;
  private readonly input: Float32Array;
  private state: Float32Array;
  private readonly sr = new ort.Tensor('int64', BigInt64Array.from([SAMPLE_RATE]), []);

  constructor(private readonly session: ort.InferenceSession, readonly channels: 1 | 2) {
    this.input = new Float32Array(channels * this.width);
    this.state = new Float32Array(channels * STATE_SIZE);
  }

  async probabilities(frames: readonly Float32Array[]): Promise<number[]> {
    if (frames.length !== this.channels) throw new RangeError(`expected ${this.channels} frame(s), got ${frames.length}`);
    frames.forEach((frame, row) => {
      if (frame.length !== SILERO_FRAME_SAMPLES) {
        throw new RangeError(`Silero v5 needs ${SILERO_FRAME_SAMPLES}-sample frames, got ${frame.length}`);
      }
      // row = [64 samples of context | 512 new samples]
      this.input.set(frame, row * this.width + SILERO_CONTEXT_SAMPLES);
    });
    const out = await this.session.run({
      input: new ort.Tensor('float32', this.input, [this.channels, this.width]),
      state: new ort.Tensor('float32', this.state, [2, this.channels, 128]),
      sr: this.sr,
    });
    // The returned state is a fresh buffer owned by us now: no copy needed.
    this.state = out.stateN!.data as Float32Array;
    for (let row = 0; row < this.channels; row++) {
      const start = row * this.width;
      // Keep the frame's last 64 samples as the next frame's context.
      this.input.copyWithin(start, start + SILERO_FRAME_SAMPLES, start + this.width);
    }
    return Array.from(out.output!.data as Float32Array);
  }

  reset(): void {
    this.state = new Float32Array(this.channels * STATE_SIZE);
    this.input.fill(0);
  }
}

/** One channel, as a VadModel. */
export class SileroChannel implements VadModel {
  private readonly batch: SileroBatch;

  constructor(session: ort.InferenceSession) {
    this.batch = new SileroBatch(session, 1);
  }

  async probability(frame: Float32Array): Promise<number> {
    return (await this.batch.probabilities([frame]))[0]!;
  }

  reset(): void {
    this.batch.reset();
  }
}

/** A whole call: both channels scored in one batched run (or the agent alone for mono). */
export class SileroCallVad implements CallVad {
  private readonly batch: SileroBatch;

  constructor(session: ort.InferenceSession, readonly stereo: boolean) {
    this.batch = new SileroBatch(session, stereo ? 2 : 1);
  }

  async probabilities(agent: Float32Array, customer?: Float32Array): Promise<[number, number | undefined]> {
    if (!this.stereo) return [(await this.batch.probabilities([agent]))[0]!, undefined];
    if (!customer) throw new RangeError('stereo call: a customer frame is missing');
    const [a, c] = await this.batch.probabilities([agent, customer]);
    return [a!, c!];
  }

  reset(): void {
    this.batch.reset();
  }
}
