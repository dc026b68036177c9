// Issue 14, item 6 with issue 15's network on demand, as the agent lives it in Chromium: the
// engine listens on this machine only; the pairing link opens the LAN address; the phone opens
// the link there, both the phone and the overlay show the same six digits, the agent accepts on
// the overlay, and tips reach the phone over the LAN. Revoking the phone closes the network again.
// The "LAN address" is 127.0.0.2: all of 127/8 reaches this machine on Linux, and a listener on
// 127.0.0.1 does not answer on it. Screenshots go to .cache/screenshots/session/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildPages, chromiumMissing, launchChromium } from '../views/browser-harness.ts';
import { screenshotDir, seriousA11yViolations } from '../support/look.ts';
import { SessionServer } from '../../main/session/server.ts';
import { nextServerEvent, sampleTip, tabletPageAnswers, until } from './helpers.ts';

const LAN = '127.0.0.2';
const SHOTS = screenshotDir('session');

if (chromiumMissing) console.log('tablet-over-the-network browser test skipped: /usr/bin/chromium is not installed');

describe.skipIf(chromiumMissing)('pairing a phone over the network that opens only while pairing', () => {
  let server: SessionServer;
  let browser: Browser;
  let lanOrigin: string;

  beforeAll(async () => {
    server = new SessionServer({ staticDir: await buildPages(), lan: { host: LAN, when: 'while-pairing' } });
    const { port } = await server.listen();
    lanOrigin = `http://${LAN}:${port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const lanAnswers = () => tabletPageAnswers(lanOrigin);

  it('opens the network for the code, confirms six digits on phone and overlay, sends tips, and closes after the revoke', async () => {
    expect(await lanAnswers()).toBe(false);
    const overlay = await browser.newPage({ viewport: { width: 360, height: 240 } });
    await overlay.goto(server.createDesktopLink(`http://127.0.0.1:${server.port}`, 'overlay.html', 'Overlay'));
    await until(() => server.listDevices().some((d) => d.role === 'desktop' && d.connected), 10_000, 'the overlay');

    // The link serve prints (and its QR code) is on the LAN address, open now.
    const { url } = server.createPairing(lanOrigin);
    await server.lanSettled();
    expect(new URL(url).hostname).toBe(LAN);
    expect(await lanAnswers()).toBe(true);

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const requested = nextServerEvent(server, 'pair:request');
    await phone.goto(url);
    const request = await requested;
    const onPhone = await phone.getByTestId('confirm-code').innerText();
    expect(onPhone).toMatch(/^\d{3} \d{3}$/);
    expect(onPhone).toBe(request.confirmCode);
    const ask = overlay.getByTestId('pair-request');
    expect(await ask.innerText()).toContain(onPhone);
    expect(await seriousA11yViolations(phone)).toEqual([]);
    expect(await seriousA11yViolations(overlay)).toEqual([]);
    await phone.screenshot({ path: join(SHOTS, 'lan-phone-confirm.png') });
    await overlay.screenshot({ path: join(SHOTS, 'lan-overlay-pair-request.png') });

    await ask.getByRole('button', { name: 'Ja, accepteren' }).click();
    await phone.getByTestId('no-tip').waitFor();
    server.startCall('lan-call');
    server.showTip(sampleTip('lan-1', { headline: 'Toon begrip', say: 'Ik snap dat dit heel vervelend voor u is.' }));
    await phone.locator('[data-tip-id="lan-1"]').waitFor();
    expect(await phone.getByTestId('tip-headline').innerText()).toBe('Toon begrip');
    expect(new URL(phone.url()).hostname).toBe(LAN);
    await phone.screenshot({ path: join(SHOTS, 'lan-phone-tip.png') });

    // Revoked: the phone is back at pairing, and nobody on the network reaches the engine.
    expect(server.revokeDevice(request.deviceId)).toBe(true);
    await phone.locator('#pair-code').waitFor();
    await until(() => !server.lanOpen, 5_000, 'the network to close after the revoke');
    expect(await lanAnswers()).toBe(false);
    await phone.close();
    await overlay.close();
  });
});
