// The overlay inside the desktop app (with `window.coach`): its pause button pauses the APP (so
// the capture window closes and the tray and shortcut follow) and the session server; a pause
// from the tray or the shortcut shows on the overlay at once and reaches the server too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LiveState } from '../../main/contracts/protocol.ts';
import { buildPages, chromiumMissing, launchChromium, SCREENSHOTS, serveStatic, type StaticServer } from './browser-harness.ts';
import { APP_STATE, installFakeCoach, type FakeCoachWindow } from './fake-coach-bridge.ts';

if (chromiumMissing) console.warn('overlay app-bridge tests skipped: /usr/bin/chromium is not installed');

const live = (over: Partial<LiveState> = {}): LiveState => ({
  callId: 'call-1', callMs: 5_000, capture: 'on', speaking: { agent: true, customer: false }, agentTalkShare: 0.5, ...over,
});

describe.skipIf(chromiumMissing)('overlay with the desktop app bridge', () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    server = await serveStatic(await buildPages());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 360, height: 180 }, deviceScaleFactor: 1 });
    await page.addInitScript(installFakeCoach, APP_STATE);
    await page.goto(`${server.origin}/overlay.html?scripted`);
    await page.waitForFunction(() => window.__klachtcoachScripted !== undefined);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'live', live());
    return page;
  }
  const emit = (page: Page, event: string, payload: unknown) =>
    page.evaluate(([e, p]) => window.__klachtcoachScripted!.emit(e as never, p as never), [event, payload] as const);
  const serverCalls = (page: Page) =>
    page.evaluate(() => window.__klachtcoachScripted!.calls.filter((c) => c.method === 'setCapture').map((c) => c.args[0]));
  const appCalls = (page: Page) => page.evaluate(() => (window as unknown as FakeCoachWindow).__coachCalls);
  const setAppState = (page: Page, patch: object) =>
    page.evaluate((p) => (window as unknown as FakeCoachWindow).__setAppState(p), patch);
  const indicator = (page: Page) => page.getByTestId('capture-indicator').getAttribute('data-capture');

  it('pause button pauses the app and the server; resume undoes both', async () => {
    const page = await open();
    await expect.poll(() => appCalls(page)).toContain('getState');
    expect(await indicator(page)).toBe('on');

    await page.getByTestId('pause').click();
    await expect.poll(() => appCalls(page)).toContain('setPaused:true');
    // The app's answer is enough: capture has stopped, whatever the server says yet.
    await expect.poll(() => indicator(page)).toBe('paused');
    expect(await page.getByTestId('pause').innerText()).toBe('Hervat');
    await expect.poll(() => serverCalls(page)).toEqual(['paused']);
    await emit(page, 'live', live({ capture: 'paused' }));

    await page.getByTestId('pause').click();
    await expect.poll(() => appCalls(page)).toContain('setPaused:false');
    await expect.poll(() => indicator(page)).toBe('on');
    await expect.poll(() => serverCalls(page)).toEqual(['paused', 'on']);
    await page.close();
  });

  it('a pause from the tray or the shortcut shows on the overlay and reaches the server', async () => {
    const page = await open();
    await expect.poll(() => appCalls(page)).toContain('getState');
    await setAppState(page, { paused: true });
    await expect.poll(() => indicator(page)).toBe('paused');
    expect(await page.getByTestId('talk').count()).toBe(0);
    await expect.poll(() => serverCalls(page)).toEqual(['paused']);
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay-app-paused-from-tray.png') });
    // The overlay never asked the app itself: it only followed.
    expect(await appCalls(page)).not.toContain('setPaused:true');

    await emit(page, 'live', live({ capture: 'paused' }));
    await setAppState(page, { paused: false });
    await expect.poll(() => indicator(page)).toBe('on');
    await expect.poll(() => serverCalls(page)).toEqual(['paused', 'on']);

    // Call ended from the tray: nothing is captured, and there is no pause or "Hervat" to offer.
    await setAppState(page, { call: 'idle' });
    await expect.poll(() => indicator(page)).toBe('off');
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('Geen gesprek');
    expect(await page.getByTestId('pause').count()).toBe(0);
    await page.close();
  });
});
