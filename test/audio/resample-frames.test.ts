import { describe, expect, it } from 'vitest';
import { resample } from '../../main/audio/resample.ts';
import { callFrames, FrameChunker, FRAME_SAMPLES } from '../../main/audio/frames.ts';
import { feedRealtime } from '../../main/audio/realtime-feeder.ts';
import type { CallAudio } from '../../main/audio/call-audio.ts';

function sine(freqHz: number, rate: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = Math.sin((2 * Math.PI * freqHz * i) / rate);
  return out;
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (to - from));
}

describe('resample', () => {
  it('keeps a 1 kHz tone at its level and frequency going 48 kHz -> 16 kHz', () => {
    const out = resample(sine(1000, 48000, 1), 48000, 16000);
    expect(out.length).toBe(16000);
    expect(rms(out, 100, 15900)).toBeCloseTo(Math.SQRT1_2, 2);
    let crossings = 0;
    for (let i = 101; i < 15900; i++) if (out[i - 1]! < 0 && out[i]! >= 0) crossings++;
    expect(Math.abs(crossings - 1000 * (15799 / 16000))).toBeLessThan(3);
  });

  it('removes a 12 kHz tone instead of folding it into the speech band', () => {
    const out = resample(sine(12000, 48000, 0.5), 48000, 16000);
    expect(rms(out, 100, out.length - 100)).toBeLessThan(0.02);
  });

  it('upsamples 8 kHz telephone audio keeping a 500 Hz tone', () => {
    const out = resample(sine(500, 8000, 0.5), 8000, 16000);
    expect(out.length).toBe(8000);
    expect(rms(out, 100, 7900)).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it('returns the input untouched at 16 kHz', () => {
    const x = sine(100, 16000, 0.01);
    expect(resample(x, 16000, 16000)).toBe(x);
  });
});

describe('frames', () => {
  const samples = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i / 7));

  it('cuts a call into 512-sample frames and pads the last', () => {
    const frames = [...callFrames({ agent: samples })];
    expect(frames).toHaveLength(Math.ceil(5000 / FRAME_SAMPLES));
    expect(frames.at(-1)!.agent.length).toBe(FRAME_SAMPLES);
    expect(frames.at(-1)!.agent[5000 - 9 * 512]).toBe(0);
    expect(frames[3]!.agent[7]).toBe(samples[3 * 512 + 7]);
  });

  it('gives the same frames whatever block size live audio arrives in', () => {
    for (const block of [128, 300, 4096]) {
      const chunker = new FrameChunker();
      const got: Float32Array[] = [];
      for (let i = 0; i < samples.length; i += block) got.push(...chunker.push(samples.subarray(i, i + block)));
      expect(got).toHaveLength(Math.floor(5000 / 512));
      expect(chunker.pendingSamples).toBe(5000 % 512);
      got.forEach((f, k) => expect(f).toEqual(samples.subarray(k * 512, (k + 1) * 512)));
      expect(chunker.flush()!.length).toBe(512);
      expect(chunker.flush()).toBeUndefined();
    }
  });
});

describe('realtime feeder', () => {
  it('hands frames over in order, never before their audio would exist', async () => {
    const call: CallAudio = { sampleRate: 16000, agent: new Float32Array(512 * 20), customer: new Float32Array(512 * 20), durationMs: 640 };
    const seen: number[] = [];
    const start = performance.now();
    const report = await feedRealtime(call, (f) => { seen.push(f.index); }, { speed: 8 });
    expect(seen).toEqual([...Array(20).keys()]);
    for (let i = 0; i < 20; i++) expect(report.deliveredAtMs[i]! - start).toBeGreaterThanOrEqual(((i + 1) * 32) / 8 - 1);
  });

  it('stops when aborted', async () => {
    const call: CallAudio = { sampleRate: 16000, agent: new Float32Array(512 * 50), durationMs: 1600 };
    const ac = new AbortController();
    const report = await feedRealtime(call, (f) => { if (f.index === 4) ac.abort(); }, { speed: 10, signal: ac.signal });
    expect(report.frames).toBe(5);
  });

  it('refuses a speed of zero', async () => {
    const call: CallAudio = { sampleRate: 16000, agent: new Float32Array(512), durationMs: 32 };
    await expect(feedRealtime(call, () => undefined, { speed: 0 })).rejects.toThrow(/speed must be > 0/);
  });
});
