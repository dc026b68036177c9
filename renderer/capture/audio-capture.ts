// The capture graph, shared by the capture page and (later) the Electron window: one
// MediaStream per call channel -> AudioWorklet -> 16 kHz 512-sample frames -> a FrameSink.
// The AudioContext asks for 16 kHz so the browser's own resampler does the work; where it cannot,
// the worklet converts whatever rate it gets.
import workletUrl from './capture-worklet.ts?worker&url';
import { AUDIO_FRAME, type AudioChannel } from './protocol.ts';
import type { FrameSink } from './frame-sinks.ts';
import type { CaptureProcessorOptions, WorkletCommand, WorkletFrame } from './capture-worklet.ts';
import { CAPTURE_PROCESSOR } from './processor-name.ts';
import { rms as rmsOf } from './level-batcher.ts';

export interface CaptureStats {
  channel: AudioChannel;
  framesSent: number;
  framesDropped: number;
  /** RMS of the last frame, dBFS: a plain level meter so the agent sees the mic works. */
  levelDb: number;
}

export interface CaptureOptions {
  streams: Partial<Record<AudioChannel, MediaStream>>;
  sink: FrameSink;
  onStats?: (stats: CaptureStats) => void;
  /** Every frame's RMS (linear), with its sequence number: the desktop app's headset hint. */
  onLevel?: (channel: AudioChannel, seq: number, rms: number) => void;
}

export interface RunningCapture {
  readonly sampleRateHz: number;
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Raw speech for the engine: browser echo cancellation, noise suppression and gain control change
 * the signal the VAD and the recogniser were trained on, so they are off.
 */
export function microphoneConstraints(deviceId: string | null): MediaStreamConstraints {
  return {
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      channelCount: 1,
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    },
    video: false,
  };
}

export async function startCapture({ streams, sink, onStats, onLevel }: CaptureOptions): Promise<RunningCapture> {
  const ctx = openContext();
  await ctx.audioWorklet.addModule(workletUrl);
  // Keeps the graph pulled by the destination without making a sound.
  const mute = ctx.createGain();
  mute.gain.value = 0;
  mute.connect(ctx.destination);

  const nodes: { source: MediaStreamAudioSourceNode; node: AudioWorkletNode }[] = [];
  for (const channel of ['agent', 'customer'] as const) {
    const stream = streams[channel];
    if (!stream) continue;
    const source = ctx.createMediaStreamSource(stream);
    const processorOptions: CaptureProcessorOptions = { sampleRateHz: AUDIO_FRAME.sampleRateHz, samplesPerFrame: AUDIO_FRAME.samples };
    const node = new AudioWorkletNode(ctx, CAPTURE_PROCESSOR, {
      numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], processorOptions,
    });
    const stats: CaptureStats = { channel, framesSent: 0, framesDropped: 0, levelDb: -Infinity };
    node.port.onmessage = (e: MessageEvent<WorkletFrame>) => {
      const { seq, startMs, samples } = e.data;
      if (samples.length !== AUDIO_FRAME.samples) return;
      if (sink.send({ channel, seq, startMs, samples })) stats.framesSent++;
      else stats.framesDropped++;
      const level = rmsOf(samples);
      stats.levelDb = level > 0 ? 20 * Math.log10(level) : -Infinity;
      onLevel?.(channel, seq, level);
      onStats?.({ ...stats });
    };
    source.connect(node);
    node.connect(mute);
    nodes.push({ source, node });
  }

  const command = (c: WorkletCommand) => nodes.forEach(({ node }) => node.port.postMessage(c));
  let pausedAtMs: number | null = null;
  return {
    sampleRateHz: ctx.sampleRate,
    async pause() {
      await ctx.suspend();
      pausedAtMs ??= performance.now();
    },
    async resume() {
      // A suspended context's clock stops; tell the worklet how long, so frame times keep
      // following the call instead of closing the gap.
      if (pausedAtMs !== null) command({ type: 'gap', ms: performance.now() - pausedAtMs });
      pausedAtMs = null;
      await ctx.resume();
    },
    async stop() {
      command({ type: 'stop' });
      for (const { source, node } of nodes) {
        source.disconnect();
        node.disconnect();
      }
      for (const stream of Object.values(streams)) stream?.getTracks().forEach((t) => t.stop());
      sink.close();
      await ctx.close();
    },
  };
}

function openContext(): AudioContext {
  try {
    return new AudioContext({ sampleRate: AUDIO_FRAME.sampleRateHz, latencyHint: 'interactive' });
  } catch {
    // Some engines refuse a 16 kHz context; the worklet then resamples itself.
    return new AudioContext({ latencyHint: 'interactive' });
  }
}

export function rmsDb(samples: Float32Array): number {
  const rms = rmsOf(samples);
  return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
}
