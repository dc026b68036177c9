// The capture page as the desktop app opens it: in a hidden window nobody can click, with
// `?autostart=1&mic=ID&loopback=1` (main/app/windows/window-manager.ts) and the app's bridge.
// Real Chromium, a sox tone WAV as the fake microphone, and getDisplayMedia answered the way the
// app's display-media handler does (loopback audio next to a screen video track; here a known
// 440 Hz tone and a canvas track). Checks: capture starts by itself on the given microphone, the
// video track is stopped at once, both channels reach the engine, and the app gets paired levels
// (agent quiet, customer loud) for the headset hint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { decodeAudioFrame, type AudioFrame } from '../../main/contracts/protocol.ts';
import type { LevelReport } from '../../main/contracts/ipc.ts';
import { buildPages, chromiumMissing, launchChromium, serveStatic, type StaticServer } from './browser-harness.ts';
import { APP_STATE, installFakeCoach, type FakeCoachWindow } from './fake-coach-bridge.ts';

const missing = [...(chromiumMissing ? ['/usr/bin/chromium'] : []), ...(existsSync('/usr/bin/sox') ? [] : ['/usr/bin/sox'])];
if (missing.length > 0) console.warn(`capture app test skipped: ${missing.join(', ')} not installed`);

interface DisplayProbe {
  __displayAsked: unknown[];
  __displayVideo: MediaStreamTrack | null;
  __micAsked: unknown[];
}

/**
 * Answers getDisplayMedia like the app's handler: loopback audio (a 440 Hz tone, amplitude 0.5)
 * plus a video track; or, with `refuse`, like the handler when there is no source or no opt-in.
 */
function fakeLoopback(refuse: boolean): void {
  const w = window as unknown as DisplayProbe;
  w.__displayAsked = [];
  w.__displayVideo = null;
  w.__micAsked = [];
  const media = navigator.mediaDevices;
  const realGetUserMedia = media.getUserMedia.bind(media);
  media.getUserMedia = (constraints?: MediaStreamConstraints) => {
    w.__micAsked.push(constraints);
    return realGetUserMedia(constraints);
  };
  media.getDisplayMedia = (constraints?: DisplayMediaStreamOptions) => {
    w.__displayAsked.push(constraints);
    if (refuse) return Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    const ctx = new AudioContext();
    const tone = ctx.createOscillator();
    tone.frequency.value = 440;
    const gain = ctx.createGain();
    gain.gain.value = 0.5;
    const out = ctx.createMediaStreamDestination();
    tone.connect(gain).connect(out);
    tone.start();
    const canvas = document.createElement('canvas');
    canvas.getContext('2d')!.fillRect(0, 0, 2, 2);
    const video = canvas.captureStream(5).getVideoTracks()[0]!;
    w.__displayVideo = video;
    return Promise.resolve(new MediaStream([...out.stream.getAudioTracks(), video]));
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const frameRms = (f: AudioFrame) => Math.sqrt(f.samples.reduce((a, s) => a + s * s, 0) / f.samples.length);

describe.skipIf(missing.length > 0)('capture page opened by the desktop app', () => {
  let browser: Browser;
  // One context for every page: device ids are salted per context (profile), so the id learned
  // on one page must be used in the same one, as the app's userData keeps it.
  let context: BrowserContext;
  let server: StaticServer;
  let wss: WebSocketServer;
  let sink: string;
  let received: AudioFrame[] = [];

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klachtcoach-capture-app-'));
    const wav = join(dir, 'mic.wav');
    // The agent's microphone: a quiet 300 Hz tone (amplitude 0.1, RMS ~0.07) for 20 s.
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', wav, 'synth', '20', 'sine', '300', 'vol', '0.1']);
    server = await serveStatic(await buildPages());
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (ws) => ws.on('message', (data) => {
      const decoded = decodeAudioFrame(new Uint8Array(data as Buffer));
      if (decoded.ok) received.push(decoded.value);
    }));
    await new Promise((ok) => wss.once('listening', ok));
    sink = encodeURIComponent(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/audio`);
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required',
    ]);
    context = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((ok) => wss?.close(ok));
  });

  async function openAsTheApp(query: string, loopbackThisCall: boolean, refuseDisplay = false): Promise<Page> {
    received = [];
    const page = await context.newPage();
    await page.addInitScript(installFakeCoach, { ...APP_STATE, loopbackThisCall });
    await page.addInitScript(fakeLoopback, refuseDisplay);
    await page.goto(`${server.origin}/capture.html?scripted&sink=${sink}&${query}`);
    return page;
  }

  /** A real device id of Chromium's fake microphone (what the first-run page would have saved). */
  async function fakeMicId(): Promise<string> {
    const page = await context.newPage();
    await page.goto(`${server.origin}/capture.html?scripted`);
    const id = await page.evaluate(async () => {
      (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks().forEach((t) => t.stop());
      const inputs = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default');
      return inputs[0]?.deviceId ?? '';
    });
    await page.close();
    expect(id).not.toBe('');
    return id;
  }

  it('starts by itself on the given microphone, adds loopback audio, drops the video, reports levels', async () => {
    const mic = await fakeMicId();
    const page = await openAsTheApp(`autostart=1&loopback=1&mic=${encodeURIComponent(mic)}`, true);
    // No click anywhere: the hidden window starts capture on its own.
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture'), { timeout: 10_000 }).toBe('on');
    const probe = () => page.evaluate(() => {
      const w = window as unknown as DisplayProbe & FakeCoachWindow;
      return { asked: w.__displayAsked, micAsked: w.__micAsked, video: w.__displayVideo?.readyState ?? null, reports: w.__levelReports };
    });
    await expect.poll(async () => (await probe()).reports.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const { asked, micAsked, video, reports } = await probe();
    expect(asked).toEqual([{ audio: true, video: true }]);
    expect(video).toBe('ended');
    expect(micAsked).toHaveLength(1);
    expect((micAsked[0] as { audio: { deviceId: unknown } }).audio.deviceId).toEqual({ exact: mic });

    // Both channels reach the engine, each with its own contiguous sequence.
    const agent = received.filter((f) => f.channel === 'agent');
    const customer = received.filter((f) => f.channel === 'customer');
    expect(agent.length).toBeGreaterThan(20);
    expect(customer.length).toBeGreaterThan(20);
    customer.forEach((f, i) => expect(f.seq).toBe(i));

    // Paired levels for the headset hint: the schema main checks, batches of 16 frames, the quiet
    // microphone on the agent side and the loud loopback tone on the customer side (after the
    // first batch, which may hold the tone's and the file's first milliseconds).
    const later = reports.slice(1) as LevelReport[];
    for (const r of reports) {
      expect(r.agentRms).toHaveLength(16);
      expect(r.customerRms).toHaveLength(16);
    }
    const agentLevel = median(later.flatMap((r) => r.agentRms));
    const customerLevel = median(later.flatMap((r) => r.customerRms));
    console.log(`capture app: levels agent ${agentLevel.toFixed(3)}, customer ${customerLevel.toFixed(3)}; frames sent agent ${median(agent.slice(30).map(frameRms)).toFixed(3)}`);
    expect(agentLevel).toBeGreaterThan(0.05);
    expect(agentLevel).toBeLessThan(0.09);
    expect(customerLevel).toBeGreaterThan(0.3);
    expect(customerLevel).toBeLessThan(0.4);
    await page.close();
  });

  it('without loopback: the microphone only, no screen asked for, no levels', async () => {
    const page = await openAsTheApp('autostart=1&loopback=0', false);
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture'), { timeout: 10_000 }).toBe('on');
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(40);
    const { asked, reports } = await page.evaluate(() => {
      const w = window as unknown as DisplayProbe & FakeCoachWindow;
      return { asked: w.__displayAsked, reports: w.__levelReports };
    });
    expect(asked).toEqual([]);
    expect(reports).toEqual([]);
    expect(received.every((f) => f.channel === 'agent')).toBe(true);
    await page.close();
  });

  it('refused system audio: the microphone still runs, and the page says the customer is missing', async () => {
    const page = await openAsTheApp('autostart=1&loopback=1', true, true);
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture'), { timeout: 10_000 }).toBe('on');
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(40);
    expect(received.every((f) => f.channel === 'agent')).toBe(true);
    expect(await page.getByRole('alert').innerText()).toMatch(/customer audio: no permission for the system audio \(customer\); only your microphone is used/);
    await page.close();
  });

  it('a remembered microphone that is gone: the default one is used, and the page says so', async () => {
    const page = await openAsTheApp('autostart=1&loopback=0&mic=no-such-microphone', false);
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture'), { timeout: 10_000 }).toBe('on');
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(40);
    expect(await page.getByRole('alert').innerText()).toMatch(/the chosen microphone is not available; the system default is used/);
    const asked = await page.evaluate(() => (window as unknown as DisplayProbe).__micAsked);
    expect(asked.map((c) => (c as { audio: { deviceId?: unknown } }).audio.deviceId)).toEqual([{ exact: 'no-such-microphone' }, undefined]);
    await page.close();
  });

  it('a malformed start option is reported and nothing starts', async () => {
    const page = await openAsTheApp('autostart=yes&loopback=1', true);
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/page address: autostart/);
    await page.waitForTimeout(500);
    expect(await page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('off');
    expect(received).toEqual([]);
    await page.close();
  });
});
