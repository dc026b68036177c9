// The capture page in real Chromium with a WAV as the fake microphone: Dutch speech from
// espeak-ng with silences between, captured through the AudioWorklet and sent as protocol frames
// to a WebSocket server in this test. The frames must be well-formed, arrive in real time, and
// carry the WAV's speech/silence pattern at the WAV's level.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Browser } from 'playwright-core';
import { AUDIO_FRAME, decodeAudioFrame, type AudioFrame } from '../../main/contracts/protocol.ts';
import { buildPages, chromiumMissing, launchChromium, SCREENSHOTS, serveStatic, type StaticServer } from './browser-harness.ts';

const tools = ['/usr/bin/espeak-ng', '/usr/bin/sox'];
const missing = [...(chromiumMissing ? ['/usr/bin/chromium'] : []), ...tools.filter((t) => !existsSync(t))];
if (missing.length > 0) console.warn(`capture browser test skipped: ${missing.join(', ')} not installed`);

const FRAME_MS = (AUDIO_FRAME.samples * 1000) / AUDIO_FRAME.sampleRateHz;

/** 1 s silence, a Dutch sentence, 1 s silence, another sentence, 1.5 s silence; 16 kHz mono s16. */
function makeCallWav(dir: string): string {
  const say = (text: string, file: string) => execFileSync('espeak-ng', ['-v', 'nl', '-s', '160', '-w', join(dir, file), text]);
  say('Goedemiddag, u spreekt met de klantenservice van de woningcorporatie.', 'a.wav');
  say('Ik begrijp dat dit heel vervelend voor u is.', 'b.wav');
  const sox = (...args: string[]) => execFileSync('sox', args);
  for (const f of ['a', 'b']) sox(join(dir, `${f}.wav`), '-r', '16000', '-c', '1', '-b', '16', join(dir, `${f}16.wav`), 'norm', '-3');
  sox('-n', '-r', '16000', '-c', '1', '-b', '16', join(dir, 'sil1.wav'), 'trim', '0', '1.0');
  sox('-n', '-r', '16000', '-c', '1', '-b', '16', join(dir, 'sil15.wav'), 'trim', '0', '1.5');
  const out = join(dir, 'call.wav');
  sox(...['sil1', 'a16', 'sil1', 'b16', 'sil15'].map((f) => join(dir, `${f}.wav`)), out);
  return out;
}

/** Reads a 16-bit PCM mono WAV (the one made above) into floats. */
function readWav(file: string): Float32Array {
  const buf = readFileSync(file);
  let offset = 12;
  while (offset < buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'data') {
      const samples = new Float32Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(offset + 8 + i * 2) / 32768;
      return samples;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

function frameRms(samples: Float32Array, frame: number): number {
  let sum = 0;
  for (let i = 0; i < frame; i++) sum += (samples[i] ?? 0) ** 2;
  return Math.sqrt(sum / frame);
}

function envelope(samples: Float32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + AUDIO_FRAME.samples <= samples.length; i += AUDIO_FRAME.samples) {
    out.push(frameRms(samples.subarray(i, i + AUDIO_FRAME.samples), AUDIO_FRAME.samples));
  }
  return out;
}

function pearson(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  const ma = a.slice(0, n).reduce((x, y) => x + y, 0) / n;
  const mb = b.slice(0, n).reduce((x, y) => x + y, 0) / n;
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

describe.skipIf(missing.length > 0)('capture page in Chromium with a WAV as microphone', () => {
  let browser: Browser;
  let server: StaticServer;
  let wss: WebSocketServer;
  let wavFile: string;
  const received: { atMs: number; frame: AudioFrame }[] = [];
  const malformed: string[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klachtcoach-capture-'));
    wavFile = makeCallWav(dir);
    server = await serveStatic(await buildPages());
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (ws) => ws.on('message', (data, isBinary) => {
      if (!isBinary) return void malformed.push('text frame');
      const decoded = decodeAudioFrame(new Uint8Array(data as Buffer));
      if (decoded.ok) received.push({ atMs: performance.now(), frame: decoded.value });
      else malformed.push(decoded.error);
    }));
    await new Promise((ok) => wss.once('listening', ok));
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wavFile}%noloop`, '--autoplay-policy=no-user-gesture-required',
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((ok) => wss?.close(ok));
  });

  it('sends 512-sample 16 kHz frames in real time that match the WAV, and nothing while paused', async () => {
    const wav = readWav(wavFile);
    const wavMs = (wav.length * 1000) / AUDIO_FRAME.sampleRateHz;
    const port = (wss.address() as AddressInfo).port;
    const page = await browser.newPage({ viewport: { width: 600, height: 640 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.origin}/capture.html?scripted&sink=${encodeURIComponent(`ws://127.0.0.1:${port}/audio`)}`);
    await page.getByTestId('capture-toggle').click();
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture'), { timeout: 10_000 }).toBe('on');
    // Let the whole file play, plus a margin.
    await page.waitForTimeout(wavMs + 1_500);
    await page.screenshot({ path: join(SCREENSHOTS, 'capture.png') });
    const shownFrames = Number(await page.getByTestId('frames-agent').getAttribute('data-frames'));
    const duringRun = received.length;

    // Pause from the overlay (the session says capture is paused): no audio is processed or sent.
    const live = (capture: 'on' | 'paused') => ({ callId: 'c', callMs: 1, capture, speaking: { agent: false, customer: false }, agentTalkShare: null });
    await page.evaluate((l) => window.__klachtcoachScripted!.emit('live', l), live('paused'));
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('paused');
    await page.waitForTimeout(300); // frames already in flight
    const atPause = received.length;
    await page.waitForTimeout(1_000);
    expect(received.length).toBe(atPause);
    await page.evaluate((l) => window.__klachtcoachScripted!.emit('live', l), live('on'));
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(atPause + 10);
    const resumed = received.slice(atPause);
    // Sequence numbers carry on, and frame times jump by the pause (>= the 1.3 s waited above):
    // the engine sees a gap in time on the call's clock, not a new stream.
    expect(resumed[0]!.frame.seq).toBe(atPause);
    const before = received[atPause - 1]!.frame;
    expect(resumed[0]!.frame.startMs - before.startMs).toBeGreaterThan(1_300);

    await page.getByTestId('capture-toggle').click();
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('off');
    await page.close();

    expect(errors).toEqual([]);
    expect(malformed).toEqual([]);
    const frames = received.slice(0, duringRun).map((r) => r.frame);
    // Well-formed: agent channel, 512 samples, consecutive sequence numbers, exact 32 ms steps.
    expect(frames.length).toBeGreaterThan(wavMs / FRAME_MS);
    frames.forEach((f, i) => {
      expect(f).toMatchObject({ channel: 'agent', seq: i, startMs: i * FRAME_MS });
      expect(f.samples.length).toBe(AUDIO_FRAME.samples);
    });
    // The page counts what it sent (its counter updates every few frames).
    expect(shownFrames).toBeGreaterThan(frames.length * 0.8);

    // Real time: arrival times grow 32 ms per frame (least-squares slope over the run).
    const xs = received.slice(0, duringRun).map((r) => r.frame.seq);
    const ys = received.slice(0, duringRun).map((r) => r.atMs);
    const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
    const my = ys.reduce((a, b) => a + b, 0) / ys.length;
    const slope = xs.reduce((acc, x, i) => acc + (x - mx) * (ys[i]! - my), 0) / xs.reduce((acc, x) => acc + (x - mx) ** 2, 0);
    console.log(`capture: ${frames.length} frames, ${slope.toFixed(2)} ms per frame (expected ${FRAME_MS})`);
    expect(slope).toBeGreaterThan(FRAME_MS * 0.9);
    expect(slope).toBeLessThan(FRAME_MS * 1.1);

    // Energy: the received envelope lines up with the WAV's and has the same level. The file
    // starts when Chromium opens the fake device, a little before or after the first frame, so
    // the lag (in frames, either way) is found first.
    const want = envelope(wav);
    const got = frames.map((f) => frameRms(f.samples, f.samples.length));
    const overlap = (lag: number) => {
      const from = Math.max(0, -lag);
      const to = Math.min(want.length, got.length - lag);
      return { want: want.slice(from, to), got: got.slice(from + lag, to + lag) };
    };
    // Frames cut the file at an arbitrary sub-frame offset; a 3-frame moving average keeps that
    // from reading as a mismatch.
    const smooth = (e: number[]) => e.map((_, i) => ((e[i - 1] ?? e[i]!) + e[i]! + (e[i + 1] ?? e[i]!)) / 3);
    let best = { lag: 0, r: -1 };
    for (let lag = -30; lag <= 60; lag++) {
      const o = overlap(lag);
      if (o.want.length < want.length * 0.8) continue;
      const r = pearson(smooth(o.want), smooth(o.got));
      if (r > best.r) best = { lag, r };
    }
    const aligned = overlap(best.lag);
    const energy = (xs2: number[]) => xs2.reduce((a, b) => a + b * b, 0);
    const levelDb = 10 * Math.log10(energy(aligned.got) / energy(aligned.want));
    console.log(`capture: envelope correlation ${best.r.toFixed(3)} at lag ${best.lag} frames, level ${levelDb.toFixed(2)} dB vs the WAV`);
    expect(best.r).toBeGreaterThan(0.9);
    expect(Math.abs(levelDb)).toBeLessThan(1);
    // Silence stays silence: the first second of the WAV is digital silence.
    const leadIn = aligned.got.slice(0, 25);
    expect(Math.max(...leadIn)).toBeLessThan(0.01);
  });

  it('captures the customer source as a second channel when one is picked', async (ctx) => {
    const port = (wss.address() as AddressInfo).port;
    const page = await browser.newPage({ viewport: { width: 600, height: 640 } });
    await page.goto(`${server.origin}/capture.html?scripted&sink=${encodeURIComponent(`ws://127.0.0.1:${port}/audio`)}`);
    // Device labels appear once the page may use the microphone: a first start/stop grants that.
    await page.getByTestId('capture-toggle').click();
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('on');
    await page.getByTestId('capture-toggle').click();
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('off');
    const options = await page.locator('#device-customer option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    const customerDevice = options.find((v) => v !== '');
    if (!customerDevice) {
      console.warn('customer channel test skipped: Chromium offers only its default fake microphone');
      await page.close();
      ctx.skip();
      return;
    }
    received.length = 0;
    await page.selectOption('#device-customer', customerDevice);
    await page.getByTestId('capture-toggle').click();
    await expect.poll(() => received.filter((r) => r.frame.channel === 'customer').length, { timeout: 10_000 }).toBeGreaterThan(30);
    await page.getByTestId('capture-toggle').click();
    await page.close();
    for (const channel of ['agent', 'customer'] as const) {
      const seqs = received.filter((r) => r.frame.channel === channel).map((r) => r.frame.seq);
      expect(seqs.length).toBeGreaterThan(30);
      expect(seqs).toEqual(seqs.map((_, i) => i));
    }
  });
});
