// The live session in Debian's Chromium with the real tablet page: pair from the QR link (phone
// size) or the typed code (tablet size), the agent accepts, the sample call plays through the real
// engine and coach, the tip appears, "begrepen" acknowledges it on the server, and a revoke cuts
// the device off. Screenshots go to .cache/screenshots/session/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPages, chromiumMissing, launchChromium } from '../views/browser-harness.ts';
import { screenshotDir } from '../support/look.ts';
import { SessionServer } from '../../main/session/server.ts';
import { nextServerEvent } from './helpers.ts';
import { playRecordedCall, type CallSetup } from '../../main/session/call-sources.ts';
import { loadEngine } from '../../main/cli/analyze.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { createCallContext } from '../../main/rules/engine.ts';
import { isTimingRuleRuntime } from '../../main/turns/timing-detector.ts';
import { loadCoachConfig } from '../../main/coach/load-coach-config.ts';
import { sileroCallVad } from '../../main/engine/analyze-call.ts';
import { readTranscript } from '../../main/rules/transcript.ts';
import type { LiveCall } from '../../main/session/live-call.ts';

const SAMPLE = fileURLToPath(new URL('../../resources/sample-call/', import.meta.url));
const SHOTS = screenshotDir('session');

if (chromiumMissing) console.log('tablet browser tests skipped: /usr/bin/chromium is not installed');

describe.skipIf(chromiumMissing)('tablet page in Chromium', () => {
  let server: SessionServer;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    const staticDir = await buildPages();
    server = new SessionServer({ staticDir });
    ({ origin } = await server.listen());
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function pairFromLink(page: Page): Promise<string> {
    const { url } = server.createPairing(origin);
    const requested = nextServerEvent(server, 'pair:request');
    await page.goto(url);
    const request = await requested;
    await page.getByTestId('awaiting-approval').waitFor();
    // The secret left the address bar as soon as the page read it.
    expect(new URL(page.url()).hash).toBe('');
    server.acceptDevice(request.deviceId);
    await page.getByTestId('no-tip').waitFor();
    return request.deviceId;
  }

  function callSetup(): CallSetup {
    const engine = loadEngine(DEFAULT_RULES_DIR);
    return {
      coachConfig: loadCoachConfig(),
      timingRules: engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime),
      phraseRulesForCall: () => { const ctx = createCallContext(); return (u) => engine.analyzeUtterance(u, ctx); },
      vad: (stereo) => sileroCallVad(stereo),
    };
  }

  it('pairs by QR link at phone size, shows a tip from the played call, acknowledges it, and is cut off on revoke', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const deviceId = await pairFromLink(page);

    const transcript = readTranscript(`${SAMPLE}call.jsonl`).items.map((i) => i.value);
    let call: LiveCall | null = null;
    const playing = playRecordedCall(server, `${SAMPLE}call.wav`, transcript, callSetup(), { speed: 3, onStart: (c) => { call = c; } });

    const card = page.getByTestId('tip-card');
    await card.waitFor({ timeout: 30_000 });
    const tipId = await card.getAttribute('data-tip-id');
    expect(tipId).toBeTruthy();
    expect((await page.getByTestId('tip-headline').textContent())?.length).toBeGreaterThan(5);
    await page.screenshot({ path: join(SHOTS, 'tablet-phone-tip.png') });

    const acked = nextServerEvent(server, 'tip:ack');
    await page.locator('.tip-card__ack').click();
    expect(await acked).toEqual({ tipId, deviceId });
    await expect.poll(async () => page.locator(`[data-testid="tip-card"][data-tip-id="${tipId}"]`).count()).toBe(0);
    expect(call).not.toBeNull();

    const summary = await playing;
    expect(summary.tips.map((t) => t.id)).toContain(tipId);

    // Revoke: the page drops to the pairing screen and nothing reaches it any more.
    expect(server.revokeDevice(deviceId)).toBe(true);
    await page.getByTestId('status').waitFor();
    await page.locator('#pair-code').waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('klachtcoach.device'));
    expect(stored).toBeNull();
    server.startCall('after-revoke');
    server.showTip({ id: 'after-revoke', kind: 'flag', behaviour: 'verschuilen', ruleId: 'x', atMs: 1, tip: 'Dit mag niet aankomen.', severity: 'high', source: 'text' });
    await page.waitForTimeout(500);
    expect(await page.getByTestId('tip-card').count()).toBe(0);
    expect(server.listDevices().some((d) => d.deviceId === deviceId)).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'tablet-phone-revoked.png') });
    await context.close();
  });

  it('pairs by typed code at tablet size and receives tips after a reload (stored credentials)', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    // A new call: the previous test's open tip is not this call's and is not replayed.
    server.startCall('typed');
    await page.goto(`${origin}/tablet.html`);
    const { offer } = server.createPairing(origin);
    const requested = nextServerEvent(server, 'pair:request');
    await page.locator('#pair-code').fill(offer.code.toLowerCase().replace(/-/g, ' '));
    await page.locator('.pairing__submit').click();
    const { deviceId, name } = await requested;
    expect(name).toMatch(/Linux · Chrome/);
    server.acceptDevice(deviceId);
    await page.getByTestId('no-tip').waitFor();

    await page.reload();
    await page.getByTestId('no-tip').waitFor();
    server.showTip({ id: 'typed-1', kind: 'flag', behaviour: 'bagatelliseren', ruleId: 'bagatelliseren-valt-mee', atMs: 16_500, tip: "Toon begrip in plaats van het klein te maken: 'Ik snap dat dit heel vervelend is.'", severity: 'medium', source: 'text' });
    await page.locator('[data-tip-id="typed-1"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'tablet-tablet-tip.png') });
    server.revokeDevice(deviceId);
    await context.close();
  });
});
