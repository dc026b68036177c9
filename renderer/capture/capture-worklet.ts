// Runs on the audio rendering thread (AudioWorkletGlobalScope). For one input (one channel of the
// call: the agent's microphone or the customer's audio), it mixes to mono, converts to 16 kHz and
// posts finished 512-sample frames to the page, moving (not copying) each buffer.
// Bundled on its own by Vite (`?worker&url`), so it may import the pure helpers.
import { FrameAssembler } from './frame-assembler.ts';
import { Resampler } from './resampler.ts';
import { CAPTURE_PROCESSOR } from './processor-name.ts';

// The worklet scope's globals; TypeScript's DOM library does not describe them.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: unknown);
}
declare function registerProcessor(name: string, ctor: new (options?: unknown) => AudioWorkletProcessor): void;

/** Message posted to the page for each frame. */
export interface WorkletFrame {
  seq: number;
  startMs: number;
  samples: Float32Array;
}

/** Messages from the page: stop for good, or "capture was paused for ms" (keeps times on the call clock). */
export type WorkletCommand = { type: 'stop' } | { type: 'gap'; ms: number };

/** Sent by the page as `processorOptions` (from the protocol's AUDIO_FRAME). */
export interface CaptureProcessorOptions {
  sampleRateHz: number;
  samplesPerFrame: number;
}

class CaptureProcessor extends AudioWorkletProcessor {
  private readonly resampler: Resampler;
  private readonly assembler: FrameAssembler;
  private running = true;

  constructor(options?: unknown) {
    super(options);
    const { sampleRateHz, samplesPerFrame } = (options as { processorOptions: CaptureProcessorOptions }).processorOptions;
    this.resampler = new Resampler(sampleRate, sampleRateHz);
    this.assembler = new FrameAssembler(samplesPerFrame, sampleRateHz);
    this.port.onmessage = (e: MessageEvent<WorkletCommand>) => {
      if (e.data?.type === 'stop') this.running = false;
      else if (e.data?.type === 'gap') this.assembler.skip(e.data.ms);
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    // No input connected yet (or the track ended): nothing to do this quantum.
    if (!channels || channels.length === 0) return this.running;
    const mono = mixToMono(channels);
    for (const frame of this.assembler.push(this.resampler.push(mono))) {
      const message: WorkletFrame = frame;
      this.port.postMessage(message, [frame.samples.buffer]);
    }
    return this.running;
  }
}

function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const out = new Float32Array(channels[0]!.length);
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i]! += ch[i]! / channels.length;
  return out;
}

registerProcessor(CAPTURE_PROCESSOR, CaptureProcessor);
