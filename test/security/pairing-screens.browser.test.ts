// Issue 14's pairing pieces, with the real tablet page and overlay page in Chromium against the
// real session server:
// - the six-digit confirmation code shows on the tablet and on the desktop (overlay), the same;
// - a wrong pairing code says why (mistyped, expired, already used) and keeps what was typed.
// Screenshots go to .cache/screenshots/pairing/ (ignored by git).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildPages, chromiumMissing, launchChromium } from '../views/browser-harness.ts';
import { screenshotDir } from '../support/look.ts';
import { SessionServer } from '../../main/session/server.ts';
import { nextServerEvent } from '../session/helpers.ts';

const SHOTS = screenshotDir('pairing');
if (chromiumMissing) console.log('pairing screen tests skipped: /usr/bin/chromium is not installed');

describe.skipIf(chromiumMissing)('pairing screens in Chromium', () => {
  let server: SessionServer;
  let origin: string;
  let browser: Browser;
  let now = Date.now();

  beforeAll(async () => {
    server = new SessionServer({ staticDir: await buildPages(), now: () => now });
    ({ origin } = await server.listen());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function tablet(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${origin}/tablet.html`);
    await page.locator('#pair-code').waitFor();
    return page;
  }

  async function typeCode(page: Page, code: string): Promise<string> {
    await page.locator('#pair-code').fill(code);
    await page.locator('.pairing__submit').click();
    const problem = page.locator('.pairing__problem');
    await problem.waitFor();
    return problem.innerText();
  }

  it('says a mistyped code is mistyped, and keeps what was typed to mend it', async () => {
    const page = await tablet();
    const { offer } = server.createPairing(origin);
    const oneWrong = `${offer.code.slice(0, -1)}${offer.code.endsWith('0') ? '1' : '0'}`;
    expect(await typeCode(page, oneWrong)).toMatch(/kent deze code niet.*goed hebt overgetypt/);
    expect(await page.locator('#pair-code').inputValue()).toBe(oneWrong);
    expect(await page.locator('#pair-code').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'tablet-pair-mistyped.png') });

    expect(await typeCode(page, offer.code.slice(0, 20))).toMatch(/25 tekens; je typte er 17/);
    expect(await typeCode(page, `${offer.code.slice(0, -1)}U`)).toMatch(/"U" komt niet voor/);
    expect(await page.locator('#pair-code').inputValue()).toBe(`${offer.code.slice(0, -1)}U`);
    await page.close();
  });

  it('says a code has expired, or was already used, and keeps it on screen', async () => {
    const page = await tablet();
    const { offer: old } = server.createPairing(origin);
    now += 121_000;
    expect(await typeCode(page, old.code)).toMatch(/verlopen.*nieuwe code/);
    expect(await page.locator('#pair-code').inputValue()).toBe(old.code);

    const { offer } = server.createPairing(origin);
    const first = await browser.newPage();
    await first.goto(`${origin}/tablet.html#pair=${offer.code}`);
    await first.getByTestId('awaiting-approval').waitFor();
    expect(await typeCode(page, offer.code)).toMatch(/al gebruikt.*één apparaat/);
    expect(await page.locator('#pair-code').inputValue()).toBe(offer.code);
    await page.screenshot({ path: join(SHOTS, 'tablet-pair-used.png') });
    await first.close();
    await page.close();
  });

  it('shows the same six digits on the tablet and in the overlay, where the agent accepts', async () => {
    const overlay = await browser.newPage({ viewport: { width: 360, height: 240 } });
    await overlay.goto(server.createDesktopLink(origin, 'overlay.html', 'Overlay'));
    const page = await tablet();
    const { offer } = server.createPairing(origin);
    const requested = nextServerEvent(server, 'pair:request');
    await page.locator('#pair-code').fill(offer.code);
    await page.locator('.pairing__submit').click();
    const request = await requested;
    const onTablet = await page.getByTestId('confirm-code').innerText();
    expect(onTablet).toMatch(/^\d{3} \d{3}$/);
    expect(onTablet).toBe(request.confirmCode);
    const ask = overlay.getByTestId('pair-request');
    await ask.waitFor();
    expect(await ask.innerText()).toContain(onTablet);
    await page.screenshot({ path: join(SHOTS, 'tablet-pair-confirm.png') });
    await overlay.screenshot({ path: join(SHOTS, 'overlay-pair-request.png') });

    await ask.getByRole('button', { name: 'Ja, accepteren' }).click();
    await page.getByTestId('no-tip').waitFor();
    await ask.waitFor({ state: 'detached' });
    expect(server.listDevices().find((d) => d.deviceId === request.deviceId)?.status).toBe('paired');
    await overlay.close();
    await page.close();
  });
});
