import { describe, expect, it } from 'vitest';
import { Resampler } from '../../renderer/capture/resampler.ts';
import { FrameAssembler } from '../../renderer/capture/frame-assembler.ts';
import { isLoopbackWebSocketUrl } from '../../renderer/capture/frame-sinks.ts';

/** Feeds one second of a sine through the resampler in 128-sample render quanta. */
function resampleSine(inputRateHz: number, freqHz: number): Float32Array {
  const r = new Resampler(inputRateHz);
  const out: number[] = [];
  const x = new Float32Array(inputRateHz);
  for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * freqHz * i) / inputRateHz);
  for (let i = 0; i < x.length; i += 128) out.push(...r.push(x.subarray(i, i + 128)));
  return Float32Array.from(out);
}

const rms = (xs: Float32Array) => Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / xs.length);

describe('resampler to 16 kHz', () => {
  for (const rate of [48_000, 44_100, 22_050]) {
    it(`${rate} Hz: keeps speech-band level and the output rate`, () => {
      const out = resampleSine(rate, 1_000);
      // One second in, one second out (less the filter's few samples of delay).
      expect(out.length).toBeGreaterThan(15_950);
      expect(out.length).toBeLessThanOrEqual(16_000);
      expect(rms(out.subarray(1_000, 15_000))).toBeCloseTo(0.5 / Math.SQRT2, 2);
    });
  }

  it('keeps the frequency: zero crossings of a 440 Hz tone stay at 880 per second', () => {
    const out = resampleSine(44_100, 440).subarray(0, 15_000);
    let crossings = 0;
    for (let i = 1; i < out.length; i++) if ((out[i - 1]! < 0) !== (out[i]! < 0)) crossings++;
    expect(crossings / (out.length / 16_000)).toBeCloseTo(880, -1);
  });

  it('removes what cannot exist at 16 kHz instead of folding it into the speech band', () => {
    expect(rms(resampleSine(48_000, 12_000).subarray(1_000))).toBeLessThan(0.005);
  });

  it('passes 16 kHz through unchanged', () => {
    const r = new Resampler(16_000);
    const x = Float32Array.from([0.1, -0.2, 0.3]);
    expect(Array.from(r.push(x))).toEqual(Array.from(x));
  });

  it('refuses a nonsense rate', () => {
    expect(() => new Resampler(0)).toThrow(/rates must be positive/);
  });
});

describe('frame assembler', () => {
  it('cuts any chunking into 512-sample frames with exact 32 ms start times', () => {
    const a = new FrameAssembler(512, 16_000);
    const frames = [];
    let value = 0;
    for (const size of [128, 300, 1, 700, 1000, 919]) {
      const chunk = new Float32Array(size).map(() => value++);
      frames.push(...a.push(chunk));
    }
    // 3048 samples = 5 whole frames (2560) + 488 kept for the next frame.
    expect(frames.map((f) => [f.seq, f.startMs])).toEqual([[0, 0], [1, 32], [2, 64], [3, 96], [4, 128]]);
    expect(frames[1]!.samples[0]).toBe(512);
    expect(frames[4]!.samples[511]).toBe(2559);
    const next = a.push(new Float32Array(24));
    expect(next[0]).toMatchObject({ seq: 5, startMs: 160 });
    expect(next[0]!.samples[0]).toBe(2560);
  });

  it('moves later frames by a pause and drops the partial frame from before it', () => {
    const a = new FrameAssembler(512, 16_000);
    a.push(new Float32Array(512 + 100)); // frame 0, plus 100 samples pending
    a.skip(1_000);
    const [f] = a.push(new Float32Array(512));
    // 612 samples (38.25 ms) were taken before the pause, then 1 s of nothing.
    expect(f).toMatchObject({ seq: 1, startMs: 38.25 + 1_000 });
  });

  it('hands out a fresh buffer per frame (frames are transferred, never reused)', () => {
    const a = new FrameAssembler(4, 16_000);
    const [f1, f2] = a.push(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(f1!.samples).not.toBe(f2!.samples);
    expect(Array.from(f1!.samples)).toEqual([1, 2, 3, 4]);
  });
});

describe('raw capture sink', () => {
  it('accepts loopback WebSocket URLs only', () => {
    expect(isLoopbackWebSocketUrl('ws://127.0.0.1:5000/audio')).toBe(true);
    expect(isLoopbackWebSocketUrl('ws://localhost:1/')).toBe(true);
    expect(isLoopbackWebSocketUrl('ws://[::1]:1/')).toBe(true);
    expect(isLoopbackWebSocketUrl('ws://192.168.1.20:5000/')).toBe(false);
    expect(isLoopbackWebSocketUrl('ws://127.0.0.1.evil.example/')).toBe(false);
    expect(isLoopbackWebSocketUrl('http://127.0.0.1/')).toBe(false);
    expect(isLoopbackWebSocketUrl('not a url')).toBe(false);
  });
});
