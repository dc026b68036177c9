// The views in real Chromium: state goes in through the page's session client (the scripted
// one, selected with ?scripted), and we check what an agent would see and what the page sends
// back. Screenshots land in test/views/__screenshots__ to document the look.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CallSummary, LiveState, Tip } from '../../main/contracts/protocol.ts';
import { buildPages, chromiumMissing, launchChromium, SCREENSHOTS, serveStatic, type StaticServer } from './browser-harness.ts';

if (chromiumMissing) console.warn('views browser tests skipped: /usr/bin/chromium is not installed');

const tip = (over: Partial<Tip> = {}): Tip => ({
  id: 'nl.verschuilen.directie@61000', kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.verschuilen.directie',
  atMs: 61_000, tip: "Spreek namens jezelf: 'Ik zorg dat…'", severity: 'medium', source: 'text', ...over,
});

const live = (over: Partial<LiveState> = {}): LiveState => ({
  callId: 'call-1', callMs: 95_000, capture: 'on', speaking: { agent: false, customer: true }, agentTalkShare: 0.58, ...over,
});

describe.skipIf(chromiumMissing)('views in Chromium', () => {
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

  async function open(pagePath: string, width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${server.origin}/${pagePath}`);
    await page.waitForFunction(() => window.__klachtcoachScripted !== undefined);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  const emit = (page: Page, event: string, payload: unknown) =>
    page.evaluate(([e, p]) => window.__klachtcoachScripted!.emit(e as never, p as never), [event, payload] as const);
  const calls = (page: Page) => page.evaluate(() => window.__klachtcoachScripted!.calls);

  it('phone: pairing screen first, then the tip large; "begrepen" acknowledges it', async () => {
    const page = await open('tablet.html?scripted', 390, 844);
    await expect.poll(() => page.locator('.pairing__title').textContent()).toBe('Koppel dit apparaat');
    await page.fill('#pair-code', 'ABCDE-FGHIJ');
    await page.click('.pairing__submit');
    expect(await calls(page)).toContainEqual({ method: 'pair', args: ['ABCDE-FGHIJ'] });
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-phone-pairing.png') });
    await emit(page, 'status', { status: 'awaiting-approval' });
    expect(await page.getByTestId('awaiting-approval').innerText()).toMatch(/Accepteer dit apparaat op je computer/);

    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'tip', tip({ id: 'nl.onderbreken.overlap@20000', behaviour: 'onderbreken', ruleId: 'nl.onderbreken.overlap', atMs: 20_000, tip: 'Laat de klant uitpraten; een stilte is goed.', source: 'timing' }));
    await emit(page, 'tip:cleared', { tipId: 'nl.onderbreken.overlap@20000', by: 'ack' });
    await emit(page, 'tip', tip());

    const card = page.getByTestId('tip-card');
    await expect.poll(() => card.getAttribute('data-tip-id')).toBe('nl.verschuilen.directie@61000');
    expect(await card.locator('.tip-card__seen').innerText()).toMatch(/Gezien\s+Verschuilen achter de organisatie/i);
    expect(await page.getByTestId('tip-try').innerText()).toMatch(/Probeer\s+Verantwoordelijkheid nemen/i);
    expect(await page.getByTestId('tip-text').innerText()).toBe("Spreek namens jezelf: 'Ik zorg dat…'");
    // Readable at a glance: the tip text is big, and it and the button fit on the first screen.
    const fontPx = await page.getByTestId('tip-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(30);
    const button = await page.getByRole('button', { name: 'Begrepen' }).boundingBox();
    expect(button!.y + button!.height).toBeLessThanOrEqual(844);
    expect(button!.height).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-phone.png') });

    await page.getByRole('button', { name: 'Begrepen' }).click();
    expect(await calls(page)).toContainEqual({ method: 'ack', args: ['nl.verschuilen.directie@61000'] });
    await expect.poll(() => page.getByTestId('no-tip').isVisible()).toBe(true);
    const history = await page.getByTestId('history').innerText();
    expect(history).toMatch(/1:01\s+Verschuilen achter de organisatie\s+✓ begrepen/);
    expect(history).toMatch(/0:20\s+Onderbreken/);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);

    // Revoked (e.g. the tablet was lost): back to the pairing screen, nothing of the call remains.
    await emit(page, 'status', { status: 'revoked' });
    expect(await page.getByRole('alert').innerText()).toBe('Dit apparaat is ontkoppeld. Koppel opnieuw om tips te zien.');
    expect(await page.getByText('Dit apparaat is ontkoppeld', { exact: false }).count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toMatch(/Verschuilen|Onderbreken/);
    await page.close();
  });

  it('tablet: tip beside a short history; never the words that were said', async () => {
    const page = await open('tablet.html?scripted', 1024, 768);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'tip', tip({ id: 'p1', kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'nl.begrip', atMs: 12_000, tip: 'Je toonde begrip.', severity: 'info' }));
    await emit(page, 'tip', tip({ id: 'f1', behaviour: 'bagatelliseren', ruleId: 'nl.bagatelliseren', atMs: 40_000, tip: 'Toon begrip: "Ik begrijp dat dit vervelend is."' }));
    // Even if a sender slipped the agent's words into a tip, the view must not show them.
    await emit(page, 'tip', { ...tip(), utterance: { startMs: 60_000, endMs: 61_000, text: 'de directie vindt dat niet nodig' }, span: { startChar: 0, endChar: 12, text: 'de directie' } });
    await expect.poll(() => page.getByTestId('tip-card').getAttribute('data-tip-id')).toBe(tip().id);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/directie vindt/);
    expect(await page.getByTestId('history').locator('li').count()).toBe(2);
    // Landscape: the tip and the history sit side by side.
    const cardBox = await page.getByTestId('tip-card').boundingBox();
    const historyBox = await page.getByTestId('history').boundingBox();
    expect(historyBox!.x).toBeGreaterThan(cardBox!.x + cardBox!.width - 1);
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-tablet.png') });
    await page.close();
  });

  it('tablet: a reconnect banner, then the personal summary after the call', async () => {
    const page = await open('tablet.html?scripted', 390, 844);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'status', { status: 'reconnecting', detail: 'socket closed' });
    expect(await page.getByTestId('status').innerText()).toBe('Verbinding weg, opnieuw verbinden…');
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-phone-reconnecting.png') });
    await emit(page, 'status', { status: 'connected' });
    const summary: CallSummary = {
      callId: 'call-1', durationMs: 312_000, agentTalkShare: 0.64,
      tips: [
        tip({ id: 'a', behaviour: 'onderbreken', atMs: 10_000, tip: 'Laat de klant uitpraten.' }),
        tip({ id: 'b', behaviour: 'onderbreken', atMs: 90_000, tip: 'Laat de klant uitpraten; een stilte is goed.' }),
        tip({ id: 'c', behaviour: 'verschuilen', atMs: 120_000, severity: 'high' }),
        tip({ id: 'd', kind: 'praise', behaviour: 'vervolgstappen', atMs: 200_000, tip: 'Je noemde de vervolgstap.', severity: 'info' }),
      ],
    };
    await emit(page, 'call:end', summary);
    await expect.poll(() => page.getByTestId('summary').isVisible()).toBe(true);
    expect(await page.getByTestId('went-well').innerText()).toMatch(/Vervolgstappen noemen\s+1×/);
    expect(await page.getByTestId('try-next').innerText()).toMatch(/Laten uitpraten\s+Laat de klant uitpraten; een stilte is goed\./);
    expect(await page.getByTestId('summary-share').innerText()).toMatch(/Jij 64%\s+Klant 36%/);
    await page.screenshot({ path: join(SCREENSHOTS, 'summary-phone.png'), fullPage: true });
    await page.close();
  });

  it('overlay: capture light, who is talking, talk share, pause, and a compact tip', async () => {
    const page = await open('overlay.html?scripted', 360, 180);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'live', live());
    await emit(page, 'tip', tip());
    expect(await page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('on');
    expect(await page.getByTestId('light-customer').getAttribute('data-on')).toBe('true');
    expect(await page.getByTestId('light-agent').getAttribute('data-on')).toBe('false');
    expect(await page.getByTestId('light-agent').innerText()).toBe('Jij 58%');
    expect(await page.getByTestId('talk-share').getAttribute('title')).toBe('Jouw spreektijd');
    // Everything fits the small window: nothing scrolls.
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay.png') });
    const overflow = await page.evaluate(() => [document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth]);
    expect(overflow).toEqual([0, 0]);

    await page.getByTestId('pause').click();
    expect(await calls(page)).toContainEqual({ method: 'setCapture', args: ['paused'] });
    await emit(page, 'live', live({ capture: 'paused', speaking: { agent: false, customer: false } }));
    await expect.poll(() => page.getByTestId('capture-indicator').innerText()).toBe('Gepauzeerd');
    expect(await page.getByTestId('pause').innerText()).toBe('Hervat');
    expect(await page.getByTestId('talk').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'overlay-paused.png') });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);

    // An ack from the tablet clears the overlay too.
    await emit(page, 'tip:cleared', { tipId: tip().id, by: 'ack' });
    await expect.poll(() => page.getByTestId('no-tip').isVisible()).toBe(true);
    await page.close();
  });

  it('summary page: waits for the call to end, then shows the personal summary (English here)', async () => {
    const page = await open('summary.html?scripted&lang=en', 800, 720);
    expect(await page.locator('.tablet__none').innerText()).toBe('The summary appears here after the call.');
    await emit(page, 'call:end', {
      callId: 'call-2', durationMs: 185_000, agentTalkShare: 0.41,
      tips: [tip({ id: 'p', kind: 'praise', behaviour: 'samenvatten_toetsen', tip: 'Je vatte samen.', severity: 'info' })],
    });
    await expect.poll(() => page.getByTestId('summary').isVisible()).toBe(true);
    expect(await page.getByTestId('went-well').innerText()).toMatch(/Summarising and checking\s+1×/);
    expect(await page.getByTestId('summary').innerText()).toMatch(/Nothing to work on from this call\. Keep it up\./);
    expect(await page.getByTestId('summary-share').innerText()).toMatch(/You 41%\s+Customer 59%/);
    await page.screenshot({ path: join(SCREENSHOTS, 'summary-desktop-en.png') });
    await page.close();
  });

  it('speaks English when asked', async () => {
    const page = await open('overlay.html?scripted&lang=en', 360, 180);
    await emit(page, 'live', live());
    await emit(page, 'tip', tip());
    expect(await page.getByRole('button', { name: 'Got it' }).isVisible()).toBe(true);
    expect(await page.getByTestId('light-agent').innerText()).toBe('You 58%');
    expect(await page.getByTestId('tip-seen').innerText()).toBe('Try: Taking ownership');
    expect(await page.getByTestId('tip-seen').getAttribute('title')).toBe('Hiding behind the organisation');
    await page.close();
  });
});
