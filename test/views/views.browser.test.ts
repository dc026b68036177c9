// The views in real Chromium: state goes in through the page's session client (the scripted
// one, selected with ?scripted), and we check what an agent would see and what the page sends
// back. The page clock is Playwright's fake clock, so tip ages and the call clock read the same
// on every run: the tip states are compared with tracked baselines (test/visual/baselines/), and
// every view is checked with axe-core. Screenshots for people go to .cache/screenshots/views/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CallSummary, LiveState, Tip } from '../../main/contracts/protocol.ts';
import { buildPages, chromiumMissing, launchChromium, serveStatic, type StaticServer } from './browser-harness.ts';
import { expectLook, freezeClock, screenshotDir, seriousA11yViolations } from '../support/look.ts';

if (chromiumMissing) console.warn('views browser tests skipped: /usr/bin/chromium is not installed');

const SHOTS = screenshotDir('views');

const tip = (over: Partial<Tip> = {}): Tip => ({
  id: 'verschuilen-directie-besluit@61000', kind: 'flag', behaviour: 'verschuilen', ruleId: 'verschuilen-directie-besluit',
  atMs: 61_000, tip: "Neem het op je: 'Ik begrijp dat dit u raakt; ik zoek uit wat ik wél voor u kan doen.'",
  headline: 'Neem het op je', say: 'Ik begrijp dat dit u raakt. Ik zoek uit wat ik wél kan doen.', fadesAtMs: 76_000,
  severity: 'medium', source: 'text', ...over,
});

const interrupting = (over: Partial<Tip> = {}): Tip => tip({
  id: 'onderbreken-klant-valt-stil@20000', behaviour: 'onderbreken', ruleId: 'onderbreken-klant-valt-stil', atMs: 20_000,
  tip: 'Laat de klant uitpraten: wacht tot de klant klaar is en vat dan samen.', headline: 'Laat de klant uitpraten',
  say: 'Sorry, ik onderbrak u. Gaat u verder.', fadesAtMs: 35_000, source: 'timing', ...over,
});

const live = (over: Partial<LiveState> = {}): LiveState => ({
  callId: 'call-1', callMs: 69_000, capture: 'on', speaking: { agent: false, customer: true }, agentTalkShare: 0.58, ...over,
});

type TestPage = Page & { errors: string[] };

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

  /** Opens a page with its clock stopped: time moves only when a test moves it. */
  async function open(pagePath: string, width: number, height: number): Promise<TestPage> {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 }) as TestPage;
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
    await freezeClock(page);
    await page.goto(`${server.origin}/${pagePath}`);
    await page.waitForFunction(() => window.__klachtcoachScripted !== undefined);
    return page;
  }

  const emit = (page: Page, event: string, payload: unknown) =>
    page.evaluate(([e, p]) => window.__klachtcoachScripted!.emit(e as never, p as never), [event, payload] as const);
  const calls = (page: Page) => page.evaluate(() => window.__klachtcoachScripted!.calls);

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  it('phone: pairing first, then the tip read in one glance; "Begrepen" acknowledges it', async () => {
    const page = await open('tablet.html?scripted', 390, 844);
    await expect.poll(() => page.locator('.pairing__title').textContent()).toBe('Koppel dit apparaat');
    await expectAccessible(page);
    await page.fill('#pair-code', 'ABCDE-FGHIJ');
    await page.click('.pairing__submit');
    expect(await calls(page)).toContainEqual({ method: 'pair', args: ['ABCDE-FGHIJ'] });
    await page.screenshot({ path: join(SHOTS, 'tablet-phone-pairing.png') });
    await emit(page, 'status', { status: 'awaiting-approval' });
    expect(await page.getByTestId('awaiting-approval').innerText()).toMatch(/Accepteer dit apparaat op je computer/);

    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'live', live());
    await emit(page, 'tip', interrupting());
    await emit(page, 'tip:cleared', { tipId: interrupting().id, by: 'ack' });
    await emit(page, 'tip', tip());

    const card = page.getByTestId('tip-card');
    await expect.poll(() => card.getAttribute('data-tip-id')).toBe(tip().id);
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('In gesprek 1:09');
    expect(await page.getByTestId('tip-headline').innerText()).toBe('Neem het op je');
    expect(await page.getByTestId('tip-say').innerText()).toBe('Ik begrijp dat dit u raakt. Ik zoek uit wat ik wél kan doen.');
    expect(await page.getByTestId('tip-noticed').innerText()).toBe('Gezien: Verschuilen achter de organisatie · 8 s geleden');
    // Readable at arm's length: headline and sentence large, all of it and the buttons on the first screen.
    const px = (testId: string) => page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px('tip-headline')).toBeGreaterThanOrEqual(36);
    expect(await px('tip-say')).toBeGreaterThanOrEqual(26);
    expect(await px('tip-noticed')).toBeLessThan(await px('tip-say'));
    const ack = page.getByRole('button', { name: 'Begrepen' });
    const box = await ack.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.height).toBeGreaterThanOrEqual(48);
    // The buttons are quieter than the tip: outlined, no fill, muted text.
    expect(await ack.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(844);
    await expectLook(page, 'tablet-phone-tip');
    await expectAccessible(page);

    await ack.click();
    expect(await calls(page)).toContainEqual({ method: 'ack', args: [tip().id] });
    await expect.poll(() => page.getByTestId('no-tip').isVisible()).toBe(true);
    expect(await page.getByTestId('no-tip').innerText()).toBe('Geen tip. Luister naar de klant.');
    const history = await page.getByTestId('history').innerText();
    expect(history).toMatch(/1:01\s+Neem het op je\s+✓ begrepen/);
    expect(history).toMatch(/0:20\s+Laat de klant uitpraten\s+✓ begrepen/);
    expect(page.errors).toEqual([]);

    // Revoked (e.g. the tablet was lost): back to the pairing screen, nothing of the call remains.
    await emit(page, 'status', { status: 'revoked' });
    expect(await page.getByRole('alert').innerText()).toBe('Dit apparaat is ontkoppeld. Koppel opnieuw om tips te zien.');
    expect(await page.locator('body').innerText()).not.toMatch(/Verschuilen|uitpraten/);
    await page.close();
  });

  it('the tablet\'s buttons work from the keyboard', async () => {
    const page = await open('tablet.html?scripted', 1024, 768);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'live', live());
    await emit(page, 'tip', tip());
    await page.getByTestId('tip-card').waitFor();
    // Tab order: the language switch, then the tip's buttons.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Begrepen');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Niet nu');
    await page.keyboard.press('Space');
    expect(await calls(page)).toContainEqual({ method: 'dismiss', args: [tip().id] });
    await emit(page, 'tip', interrupting({ id: 'later', atMs: 68_000, fadesAtMs: 83_000 }));
    await page.getByRole('button', { name: 'Begrepen' }).focus();
    await page.keyboard.press('Enter');
    expect(await calls(page)).toContainEqual({ method: 'ack', args: ['later'] });
    expect(await page.getByTestId('history').innerText()).toMatch(/niet nu/);
    await page.close();
  });

  it('tablet: tip beside a short history; never the words that were said', async () => {
    const page = await open('tablet.html?scripted', 1024, 768);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'live', live());
    await emit(page, 'tip', tip({ id: 'p1', kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'begrip-tonen-ik-snap', atMs: 12_000, tip: 'Goed: je liet merken dat je begrijpt hoe dit voor de klant is.', headline: 'Goed: je toont begrip', say: 'Ik snap dat dit vervelend voor u is.', fadesAtMs: 27_000, severity: 'info' }));
    await emit(page, 'tip', interrupting());
    // Even if a sender slipped the agent's words into a tip, the view must not show them.
    await emit(page, 'tip', { ...tip(), utterance: { startMs: 60_000, endMs: 61_000, text: 'de directie vindt dat niet nodig' }, span: { startChar: 0, endChar: 12, text: 'de directie' } });
    await expect.poll(() => page.getByTestId('tip-card').getAttribute('data-tip-id')).toBe(tip().id);
    expect(await page.locator('body').innerText()).not.toMatch(/directie vindt/);
    expect(await page.getByTestId('history').locator('li').count()).toBe(2);
    // Landscape: the tip and the history sit side by side.
    const cardBox = await page.getByTestId('tip-card').boundingBox();
    const historyBox = await page.getByTestId('history').boundingBox();
    expect(historyBox!.x).toBeGreaterThan(cardBox!.x + cardBox!.width - 1);
    // Readable at arm's length here too: large headline and sentence, all on the first screen.
    const px = (testId: string) => page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await px('tip-headline')).toBeGreaterThanOrEqual(36);
    expect(await px('tip-say')).toBeGreaterThanOrEqual(26);
    expect(cardBox!.y + cardBox!.height).toBeLessThanOrEqual(768);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768);
    await expectLook(page, 'tablet-tablet-tip');
    await expectAccessible(page);
    await page.close();
  });

  it('time: the call clock runs, the tip shows its age, fades as its moment passes and then leaves', async () => {
    const page = await open('tablet.html?scripted', 390, 844);
    await emit(page, 'status', { status: 'connected' });
    // No call: no advice to listen, and nothing to pause.
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('Geen gesprek');
    expect(await page.getByTestId('no-tip').innerText()).toBe('Tijdens een gesprek verschijnen hier de tips.');
    await emit(page, 'live', live({ callMs: 62_000 }));
    await emit(page, 'tip', tip());
    expect(await page.getByTestId('tip-age').innerText()).toBe(' · nu');
    await emit(page, 'live', live({ callMs: 64_000 }));
    expect(await page.getByTestId('tip-age').innerText()).toBe(' · 3 s geleden');
    // The view counts on between live states (one a second at least, here none for 2 s).
    await page.clock.runFor(2_000);
    await expect.poll(() => page.getByTestId('tip-age').innerText()).toBe(' · 5 s geleden');
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('In gesprek 1:06');
    expect(await page.getByTestId('tip-card').getAttribute('data-fading')).toBe('false');
    await emit(page, 'live', live({ callMs: 72_000 }));
    await expect.poll(() => page.getByTestId('tip-card').getAttribute('data-fading')).toBe('true');
    await emit(page, 'live', live({ callMs: 76_000 }));
    await expect.poll(() => page.getByTestId('tip-card').count()).toBe(0);
    expect(await page.getByTestId('no-tip').innerText()).toBe('Geen tip. Luister naar de klant.');
    expect(await page.getByTestId('history').innerText()).toMatch(/1:01\s+Neem het op je/);
    await page.close();
  });

  it('tablet: a reconnect banner, then the personal summary from what was shown', async () => {
    const page = await open('tablet.html?scripted', 390, 844);
    await emit(page, 'status', { status: 'connected' });
    await emit(page, 'status', { status: 'reconnecting', detail: 'socket closed' });
    expect(await page.getByTestId('status').innerText()).toBe('Verbinding weg, opnieuw verbinden…');
    await page.screenshot({ path: join(SHOTS, 'tablet-phone-reconnecting.png') });
    await emit(page, 'status', { status: 'connected' });
    const summary: CallSummary = {
      callId: 'call-1', durationMs: 312_900, agentTalkShare: 0.64,
      tips: [
        interrupting({ id: 'a', atMs: 10_000 }),
        interrupting({ id: 'b', atMs: 90_000 }),
        tip({ id: 'c', atMs: 120_000, severity: 'high' }),
        tip({ id: 'd', kind: 'praise', behaviour: 'vervolgstappen', atMs: 200_000, tip: 'Goed: je noemde wat je gaat doen.', headline: 'Goed: je noemt de vervolgstap', say: 'Ik bel u vrijdag terug.', severity: 'info' }),
      ],
      observed: [
        { kind: 'flag', behaviour: 'onderbreken', count: 3, severity: 'high', tip: 'x', atMs: 90_000, shown: 2 },
        // Occurred more often, but the agent saw it once: not the one thing to try.
        { kind: 'flag', behaviour: 'verschuilen', count: 5, severity: 'high', tip: 'x', atMs: 120_000, shown: 1, lowConfidence: 2 },
        { kind: 'praise', behaviour: 'vervolgstappen', count: 1, severity: 'info', tip: 'x', atMs: 200_000, shown: 1 },
      ],
    };
    await emit(page, 'call:end', summary);
    await expect.poll(() => page.getByTestId('summary').isVisible()).toBe(true);
    expect(await page.getByTestId('summary').innerText()).toMatch(/Duur: 5:12/);
    expect(await page.getByTestId('went-well').innerText()).toMatch(/Vervolgstappen noemen\s+1×/);
    expect(await page.getByTestId('try-next').innerText())
      .toMatch(/Laat de klant uitpraten\s+Sorry, ik onderbrak u\. Gaat u verder\.\s+Onderbreken · Je zag deze tip 2× tijdens het gesprek; het kwam 3× voor\./);
    expect(await page.getByTestId('low-confidence').innerText()).toBe('Daarnaast 2× met lagere zekerheid: niet getoond en hier niet meegeteld.');
    expect(await page.getByTestId('summary-share').innerText()).toMatch(/Jij 64%\s+Klant 36%/);
    await page.screenshot({ path: join(SHOTS, 'summary-phone.png'), fullPage: true });
    await expectAccessible(page);

    // A call whose flags were all kept off the screen: the summary says so instead of new advice.
    await emit(page, 'call:end', {
      callId: 'call-2', durationMs: 60_000, agentTalkShare: 0.5, tips: [],
      observed: [{ kind: 'flag', behaviour: 'verschuilen', count: 2, severity: 'medium', tip: 'x', atMs: 1_000, shown: 0 }],
    });
    await expect.poll(() => page.getByTestId('try-next-none').innerText())
      .toBe('Er waren 2 momenten om op te letten, maar de coach liet ze je tijdens het gesprek niet zien. Je vindt ze in Mijn momenten.');
    await page.close();
  });

  it('overlay: call state and clock, who is talking, talk share, pause, and a compact tip with its age', async () => {
    const page = await open('overlay.html?scripted', 360, 180);
    await emit(page, 'status', { status: 'connected' });
    // Between calls: "Geen gesprek", no "Hervat" or "Pauze", no stale lights.
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('Geen gesprek');
    expect(await page.getByTestId('pause').count()).toBe(0);
    expect(await page.getByTestId('talk').count()).toBe(0);
    await expectLook(page, 'overlay-idle');
    await expectAccessible(page);

    await emit(page, 'live', live());
    await emit(page, 'tip', tip());
    expect(await page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('on');
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('In gesprek 1:09');
    expect(await page.getByTestId('light-customer').getAttribute('data-on')).toBe('true');
    expect(await page.getByTestId('light-agent').innerText()).toBe('Jij 58%');
    expect(await page.getByTestId('talk-share').getAttribute('title')).toBe('Jouw spreektijd');
    expect(await page.getByTestId('tip-headline').innerText()).toBe('Neem het op je');
    expect(await page.getByTestId('tip-age').textContent()).toBe(' · 8 s geleden');
    // Everything fits the small window: nothing scrolls, and the age is never cut off.
    const overflow = await page.evaluate(() => [document.documentElement.scrollHeight - window.innerHeight, document.documentElement.scrollWidth - window.innerWidth]);
    expect(overflow).toEqual([0, 0]);
    const age = await page.getByTestId('tip-age').boundingBox();
    expect(age!.x + age!.width).toBeLessThanOrEqual(360);
    await expectLook(page, 'overlay-tip');
    await expectAccessible(page);

    await page.getByTestId('pause').click();
    expect(await calls(page)).toContainEqual({ method: 'setCapture', args: ['paused'] });
    await emit(page, 'live', live({ capture: 'paused', speaking: { agent: false, customer: false } }));
    await expect.poll(() => page.getByTestId('capture-indicator').innerText()).toBe('Gepauzeerd 1:09');
    expect(await page.getByTestId('pause').innerText()).toBe('Hervat');
    expect(await page.getByTestId('talk').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'overlay-paused.png') });

    // An ack from the tablet clears the overlay too.
    await emit(page, 'tip:cleared', { tipId: tip().id, by: 'ack' });
    await expect.poll(() => page.getByTestId('no-tip').isVisible()).toBe(true);

    // What was noticed and its age stay apart by a space, also where the label is not cut off
    // (a wider overlay window).
    await page.setViewportSize({ width: 700, height: 180 });
    await emit(page, 'tip', tip({ id: 'short', behaviour: 'onderbreken', atMs: 66_000, fadesAtMs: 81_000 }));
    const what = page.locator('.tip-card__what');
    await what.waitFor();
    expect(await what.innerText()).toBe('Gezien: Onderbreken');
    // The gap between the label's last letter and the "·" (a Range measures the glyphs themselves).
    const gap = await page.getByTestId('tip-noticed').evaluate((line) => {
      const glyphs = (el: Element, from: number, to: number) => {
        const text = el.firstChild!;
        const range = document.createRange();
        range.setStart(text, from < 0 ? text.textContent!.length + from : from);
        range.setEnd(text, to < 0 ? text.textContent!.length + to : to);
        return range.getBoundingClientRect();
      };
      const what = line.querySelector('.tip-card__what')!;
      const age = line.querySelector('.tip-card__age')!;
      const dot = age.textContent!.indexOf('·');
      return glyphs(age, dot, dot + 1).left - glyphs(what, -1, what.textContent!.length).right;
    });
    expect(gap).toBeGreaterThanOrEqual(2);
    expect(page.errors).toEqual([]);
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
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: join(SHOTS, 'summary-desktop-en.png') });
    await expectAccessible(page);
    await page.close();
  });

  it('speaks English when asked', async () => {
    const page = await open('overlay.html?scripted&lang=en', 360, 180);
    await emit(page, 'live', live());
    await emit(page, 'tip', tip());
    expect(await page.getByRole('button', { name: 'Got it' }).isVisible()).toBe(true);
    expect(await page.getByTestId('light-agent').innerText()).toBe('You 58%');
    expect(await page.getByTestId('capture-indicator').innerText()).toBe('In a call 1:09');
    expect(await page.getByTestId('tip-noticed').textContent()).toBe('Noticed: Hiding behind the organisation · 8 s ago');
    await page.close();
  });

  it('every page says it is Dutch (lang="nl") and has no serious accessibility problem before anything happens', async () => {
    for (const name of ['overlay', 'tablet', 'summary', 'capture']) {
      const page = await open(`${name}.html?scripted`, 800, 600);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
      await expectAccessible(page);
      await page.close();
    }
  });
});
