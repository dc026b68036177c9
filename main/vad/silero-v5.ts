// Silero VAD v5 on onnxruntime-node, from the ONNX file that @ricky0123/vad-web ships (no
// download). The model must see each 512-sample frame with the last 64 samples of the previous
// frame in front of it (input 576) and its recurrent state carried over: a bare 512-sample frame
// runs without error but scores near zero (research/asr.md §5). One session can serve both
// channels; each channel gets its own SileroChannel with its own context and state.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { VadModel } from './vad-model.ts';

export const SILERO_FRAME_SAMPLES = 512;
export const SILERO_CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;
const SAMPLE_RATE = 16_000n;

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

export class SileroChannel implements VadModel {
  private readonly input = new Float32Array(SILERO_CONTEXT_SAMPLES + SILERO_FRAME_SAMPLES);
  private state = new Float32Array(STATE_SIZE);
  private readonly sr = new ort.Tensor('int64', BigInt64Array.from([SAMPLE_RATE]), []);

  constructor(private readonly session: ort.InferenceSession) {}

  async probability(frame: Float32Array): Promise<number> {
    if (frame.length !== SILERO_FRAME_SAMPLES) {
      throw new RangeError(`Silero v5 needs ${SILERO_FRAME_SAMPLES}-sample frames, got ${frame.length}`);
    }
    // input = [64 samples of context | 512 new samples]
    this.input.set(frame, SILERO_CONTEXT_SAMPLES);
    const feeds = {
      input: new ort.Tensor('float32', this.input.slice(), [1, this.input.length]),
      state: new ort.Tensor('float32', this.state, [2, 1, 128]),
      sr: this.sr,
    };
    const out = await this.session.run(feeds);
    this.state = new Float32Array(out.stateN!.data as Float32Array);
    // Keep the frame's last 64 samples as the next frame's context.
    this.input.copyWithin(0, SILERO_FRAME_SAMPLES, SILERO_FRAME_SAMPLES + SILERO_CONTEXT_SAMPLES);
    return (out.output!.data as Float32Array)[0]!;
  }

  reset(): void {
    this.state = new Float32Array(STATE_SIZE);
    this.input.fill(0);
  }
}
