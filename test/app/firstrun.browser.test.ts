// The first-run page in Debian's Chromium, served with the app's own CSP: it renders, the
// privacy notice is there, the microphone test works with a fake device, and the model download
// shows the progress the bridge reports. Screenshots go to test/app/__screenshots__/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage, chromiumMissing, launchChromium, SCREENSHOTS, serveWithAppHeaders, type PageServer } from './page-harness.ts';

/** A stand-in for window.coach that records calls; the test drives its events. */
const FAKE_BRIDGE = `
  (() => {
    const listeners = { state: [], progress: [] };
    let state = { call: 'idle', paused: false, capturing: false, loopbackThisCall: false, micDeviceId: null,
      clickThrough: false, headsetHint: false, firstRunDone: false };
    window.__calls = [];
    window.__emitProgress = (p) => listeners.progress.forEach((f) => f(p));
    const answer = (name, value) => { window.__calls.push(name); return Promise.resolve(value); };
    window.coach = {
      getState: () => answer('getState', state),
      startCall: () => answer('startCall', state), endCall: () => answer('endCall', state),
      setPaused: () => answer('setPaused', state), setClickThrough: () => answer('setClickThrough', state),
      chooseMicrophone: (id) => { state = { ...state, micDeviceId: id }; return answer('chooseMicrophone:' + id, state); },
      completeFirstRun: () => { state = { ...state, firstRunDone: true }; return answer('completeFirstRun', state); },
      downloadModel: (m) => answer('downloadModel:' + m, { ok: true }),
      openPairing: () => answer('openPairing', { ok: true }),
      reportLevels: () => undefined,
      onStateChanged: (f) => { listeners.state.push(f); return () => undefined; },
      onModelProgress: (f) => { listeners.progress.push(f); return () => undefined; },
    };
  })();
`;

describe.skipIf(chromiumMissing)('first-run page in Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  const violations: string[] = [];

  beforeAll(async () => {
    server = await serveWithAppHeaders(await buildPage('firstrun'));
    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(bridge: boolean, viewport = { width: 760, height: 1400 }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    await context.grantPermissions(['microphone'], { origin: server.origin });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    if (bridge) await page.addInitScript(FAKE_BRIDGE);
    await page.goto(`${server.origin}/firstrun.html`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return page;
  }

  it('shows the privacy notice: what is captured, what is stored, what is never done', async () => {
    const page = await open(true);
    const privacy = page.getByTestId('privacy');
    await expect(privacy.getByRole('heading', { name: 'Wat Klachtcoach gebruikt' }).isVisible()).resolves.toBe(true);
    const text = (await privacy.textContent()) ?? '';
    expect(text).toMatch(/Wat wordt bewaard/);
    expect(text).toMatch(/Er wordt geen geluid opgeslagen/);
    expect(text).toMatch(/De klant wordt niet uitgeschreven/);
    expect(text).toMatch(/30 dagen/);
    expect(text).toMatch(/90 dagen/);
    expect(text).toMatch(/leidinggevende gemarkeerde momenten/);
    // Finishing needs the notice read first.
    await expect(page.getByTestId('finish').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'firstrun-start.png'), fullPage: true });
    await page.context().close();
  });

  it('tests the microphone with a live level, lists devices and reports the choice', async () => {
    const page = await open(true);
    await page.getByTestId('mic-allow').click();
    const meter = page.getByRole('meter');
    await meter.waitFor();
    // Chromium's fake device plays a beep: the level must move above zero.
    await page.waitForFunction(() => Number(document.querySelector('[role=meter]')?.getAttribute('aria-valuenow')) > 0, undefined, { timeout: 10_000 });
    const select = page.getByTestId('mic-select');
    const options = await select.locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThanOrEqual(2);
    const value = await select.locator('option').nth(1).getAttribute('value');
    await select.selectOption(value!);
    await page.waitForFunction((v) => (window as unknown as { __calls: string[] }).__calls.includes(`chooseMicrophone:${v}`), value);
    await page.context().close();
  });

  it('downloads the model with the progress main reports, then finishes', async () => {
    const page = await open(true);
    await page.getByTestId('privacy-accept').click();
    // Before pressing download the agent is told what is checked (pinned version and sums, no flag).
    await expect(page.getByTestId('model-verified').innerText()).resolves.toMatch(/Hugging Face.*vastgelegd.*SHA-256.*niets geïnstalleerd/s);
    // whisper-small's weights have no pinned sums yet (models/README.md): not offered for download.
    await expect(page.getByLabel(/Whisper small/).isDisabled()).resolves.toBe(true);
    await expect(page.getByText('Nog niet hier te downloaden').innerText()).resolves.toContain('Je beheerder kan het installeren');
    await expect(page.getByLabel(/Whisper base/).isChecked()).resolves.toBe(true);
    await page.getByTestId('model-download').click();
    await page.waitForFunction(() => (window as unknown as { __calls: string[] }).__calls.includes('downloadModel:whisper-base'));
    await page.evaluate(() => (window as unknown as { __emitProgress: (p: unknown) => void }).__emitProgress({ model: 'whisper-base', phase: 'downloading', fraction: 0.42 }));
    const progress = page.getByTestId('model-progress');
    await expect(progress.innerText()).resolves.toMatch(/Downloaden 42%/);
    await expect(page.getByTestId('model-download').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'firstrun-downloading.png'), fullPage: true });
    await page.evaluate(() => (window as unknown as { __emitProgress: (p: unknown) => void }).__emitProgress({ model: 'whisper-base', phase: 'done', fraction: 1 }));
    await page.getByTestId('model-done').waitFor();
    await page.getByTestId('pair-open').click();
    await page.getByText('Het koppelscherm is geopend.').waitFor();
    await page.getByTestId('finish').click();
    await page.waitForFunction(() => (window as unknown as { __calls: string[] }).__calls.includes('completeFirstRun'));
    await page.context().close();
  });

  it('shows a failed download with its reason and offers a retry', async () => {
    const page = await open(true);
    await page.getByTestId('model-download').click();
    await page.evaluate(() => (window as unknown as { __emitProgress: (p: unknown) => void }).__emitProgress({
      model: 'whisper-base', phase: 'failed', fraction: 0.3, message: 'checksum mismatch for onnx/encoder_model.onnx',
    }));
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/checksum mismatch for onnx\/encoder_model\.onnx/);
    await expect(page.getByTestId('model-download').innerText()).resolves.toBe('Opnieuw proberen');
    await page.context().close();
  });

  it('in a plain browser (no bridge) says what needs the app and disables it', async () => {
    const page = await open(false, { width: 390, height: 844 });
    await page.getByTestId('no-bridge').waitFor();
    await expect(page.getByTestId('model-download').isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('pair-open').isDisabled()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'firstrun-phone-no-bridge.png'), fullPage: true });
    await page.context().close();
  });

  it('runs under the app CSP without a single violation, and the CSP blocks injected inline script', async () => {
    const page = await open(true);
    const blocked = await page.evaluate(() => new Promise<string>((done) => {
      document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = true';
      document.body.append(script);
      setTimeout(() => done((window as unknown as { __pwned?: boolean }).__pwned ? 'executed' : 'no event'), 2000);
    }));
    expect(blocked).toMatch(/^script-src/);
    violations.length = 0;
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByTestId('mic-allow').click();
    await page.getByRole('meter').waitFor();
    expect(violations).toEqual([]);
    await page.context().close();
  });
});

if (chromiumMissing) console.log('skipped: first-run browser tests need Chromium at /usr/bin/chromium');
