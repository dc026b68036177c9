import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav, encodeWav16, WavError } from '../../main/audio/wav-format.ts';
import { callFromWavBytes, readCallWav } from '../../main/audio/call-audio.ts';

function sine(freqHz: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freqHz * i) / rate);
  return out;
}

/** A hand-built WAV header + data, to produce the broken and exotic files real recorders make. */
function wav(opts: { format?: number; channels?: number; rate?: number; bits?: number; blockAlign?: number; dataSize?: number; data: Uint8Array }): Uint8Array {
  const { format = 1, channels = 1, rate = 16000, bits = 16 } = opts;
  const blockAlign = opts.blockAlign ?? channels * (bits / 8);
  const out = new Uint8Array(44 + opts.data.length);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => [...s].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
  put(0, 'RIFF'); v.setUint32(4, 36 + opts.data.length, true); put(8, 'WAVE');
  put(12, 'fmt '); v.setUint32(16, 16, true); v.setUint16(20, format, true); v.setUint16(22, channels, true);
  v.setUint32(24, rate, true); v.setUint32(28, rate * blockAlign, true); v.setUint16(32, blockAlign, true); v.setUint16(34, bits, true);
  put(36, 'data'); v.setUint32(40, opts.dataSize ?? opts.data.length, true);
  out.set(opts.data, 44);
  return out;
}

describe('WAV decoding', () => {
  it('round-trips 16-bit stereo within one quantisation step', () => {
    const left = sine(440, 16000, 0.1);
    const right = sine(220, 16000, 0.1, 0.25);
    const decoded = decodeWav(encodeWav16([left, right], 16000), 'rt.wav');
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.channels).toHaveLength(2);
    for (let i = 0; i < left.length; i += 37) {
      expect(Math.abs(decoded.channels[0]![i]! - left[i]!)).toBeLessThan(1 / 32768 + 1e-6);
      expect(Math.abs(decoded.channels[1]![i]! - right[i]!)).toBeLessThan(1 / 32768 + 1e-6);
    }
  });

  it('reads 32-bit float samples as they are', () => {
    const samples = Float32Array.from([0, 0.25, -0.5, 0.999]);
    const bytes = wav({ format: 3, bits: 32, data: new Uint8Array(samples.buffer) });
    expect(Array.from(decodeWav(bytes, 'f.wav').channels[0]!)).toEqual(Array.from(samples));
  });

  it('reads 24-bit PCM including negative values', () => {
    // 0x400000 = +0.5, 0xC00000 = -0.5
    const data = Uint8Array.from([0x00, 0x00, 0x40, 0x00, 0x00, 0xc0]);
    expect(Array.from(decodeWav(wav({ bits: 24, data }), 'p.wav').channels[0]!)).toEqual([0.5, -0.5]);
  });

  it('skips unknown chunks before the data (LIST, fact)', () => {
    const plain = encodeWav16([sine(300, 16000, 0.01)], 16000);
    const list = Uint8Array.from([...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const withList = new Uint8Array(plain.length + list.length);
    withList.set(plain.subarray(0, 36));
    withList.set(list, 36);
    withList.set(plain.subarray(36), 36 + list.length);
    expect(decodeWav(withList, 'l.wav').channels[0]!.length).toBe(160);
  });

  const broken: [string, () => Uint8Array, RegExp][] = [
    ['too short', () => new Uint8Array(5), /b\.wav: only 5 bytes/],
    ['not RIFF', () => new TextEncoder().encode('ID3 this is an mp3 file really'), /b\.wav: not a WAV file/],
    ['truncated data', () => wav({ data: new Uint8Array(100), dataSize: 4000 }), /b\.wav: truncated: data chunk says 4000 bytes but only 100 remain/],
    ['a-law', () => wav({ format: 6, bits: 8, data: new Uint8Array(8) }), /b\.wav: unsupported audio format 6/],
    ['three channels', () => wav({ channels: 3, data: new Uint8Array(12) }), /b\.wav: unsupported channel count 3/],
    ['12-bit PCM', () => wav({ bits: 12, blockAlign: 2, data: new Uint8Array(4) }), /b\.wav: unsupported PCM sample size 12 bits/],
    ['bad block align', () => wav({ blockAlign: 3, data: new Uint8Array(6) }), /b\.wav: fmt block align 3/],
    ['half a frame', () => wav({ channels: 2, data: new Uint8Array(6) }), /b\.wav: data chunk of 6 bytes is not a whole number of 4-byte frames/],
    ['no data chunk', () => wav({ data: new Uint8Array(0) }).subarray(0, 36), /b\.wav: no data chunk/],
    ['a cut-off chunk header', () => wav({ data: new Uint8Array(0) }).subarray(0, 40), /b\.wav: truncated: the chunk at byte 36 is cut off before its data chunk/],
    ['a cut-off fmt chunk', () => wav({ data: new Uint8Array(0) }).subarray(0, 30), /b\.wav: truncated: fmt chunk runs past the end/],
    ['NaN float', () => wav({ format: 3, bits: 32, data: new Uint8Array(Float32Array.from([NaN]).buffer) }), /b\.wav: sample 0 of channel 0 is not a finite number/],
  ];
  for (const [name, make, message] of broken) {
    it(`refuses a file with ${name}, naming the file and the problem`, () => {
      expect(() => decodeWav(make(), 'b.wav')).toThrow(WavError);
      expect(() => decodeWav(make(), 'b.wav')).toThrow(message);
    });
  }
});

describe('call audio', () => {
  it('maps stereo to agent = left, customer = right, and swaps on request', () => {
    const left = new Float32Array(1600).fill(0.25);
    const right = new Float32Array(1600).fill(-0.25);
    const bytes = encodeWav16([left, right], 16000);
    const call = callFromWavBytes(bytes, 's.wav');
    expect(call.agent[10]).toBeCloseTo(0.25, 3);
    expect(call.customer![10]).toBeCloseTo(-0.25, 3);
    expect(call.durationMs).toBe(100);
    const swapped = callFromWavBytes(bytes, 's.wav', { swapChannels: true });
    expect(swapped.agent[10]).toBeCloseTo(-0.25, 3);
  });

  it('treats mono as the agent only and refuses to swap it', () => {
    const bytes = encodeWav16([new Float32Array(160)], 16000);
    expect(callFromWavBytes(bytes, 'm.wav').customer).toBeUndefined();
    expect(() => callFromWavBytes(bytes, 'm.wav', { swapChannels: true })).toThrow(/m\.wav: cannot swap channels of a mono file/);
  });

  it('says when the file does not exist', async () => {
    await expect(readCallWav('/nonexistent/call.wav')).rejects.toThrow('/nonexistent/call.wav: file not found');
  });

  const hasSox = (() => { try { execFileSync('sox', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
  it.skipIf(!hasSox)('reads a 44.1 kHz float file converted by sox like the 16 kHz original', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-'));
    try {
      const original = sine(700, 16000, 0.5, 0.4);
      const src = join(dir, 'a.wav');
      const converted = join(dir, 'b.wav');
      writeFileSync(src, encodeWav16([original, original], 16000));
      execFileSync('sox', [src, '-r', '44100', '-e', 'floating-point', '-b', '32', converted]);
      const call = callFromWavBytes(new Uint8Array(execFileSync('cat', [converted])), converted);
      expect(call.customer).toBeDefined();
      // Compare away from the edges, where both resamplers see padding.
      let err = 0;
      let n = 0;
      for (let i = 400; i < original.length - 400; i++) {
        err += (call.agent[i]! - original[i]!) ** 2;
        n++;
      }
      expect(Math.sqrt(err / n)).toBeLessThan(0.01);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  if (!hasSox) console.log('skipped the sox conversion test: sox is not installed (.ci/run installs it)');
});
