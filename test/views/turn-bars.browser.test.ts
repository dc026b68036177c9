// Who spoke when in the agent's after-call summary, in real Chromium: the customer's timing as a
// bar under the agent's, the double talk marked, at phone and tablet size. Screenshots go to the
// ignored .cache/screenshots/views/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CallSummary } from '../../main/contracts/protocol.ts';
import { buildPages, chromiumMissing, launchChromium, serveStatic, type StaticServer } from './browser-harness.ts';
import { screenshotDir } from '../support/look.ts';

if (chromiumMissing) console.warn('turn bars browser test skipped: /usr/bin/chromium is not installed');

const SHOTS = screenshotDir('views');

const summary: CallSummary = {
  callId: 'call-1', durationMs: 95_000, agentTalkShare: 0.46, tips: [],
  turns: [
    { party: 'agent', startMs: 1000, endMs: 4000 }, { party: 'customer', startMs: 5000, endMs: 19_500 },
    { party: 'agent', startMs: 21_000, endMs: 24_000 }, { party: 'customer', startMs: 25_000, endMs: 40_500 },
    { party: 'agent', startMs: 40_000, endMs: 47_000 }, { party: 'customer', startMs: 48_000, endMs: 59_000 },
    { party: 'agent', startMs: 60_000, endMs: 64_000 }, { party: 'customer', startMs: 63_700, endMs: 80_000 },
  ],
};

describe.skipIf(chromiumMissing)('turn bars in the after-call summary', () => {
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

  for (const [width, height] of [[390, 844], [1024, 768]] as const) {
    it(`shows who spoke when, with the double talk marked, at ${width}×${height}`, async () => {
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.origin}/summary.html?scripted`);
      await page.waitForFunction(() => window.__klachtcoachScripted !== undefined);
      await page.evaluate((s) => window.__klachtcoachScripted!.emit('call:end' as never, s as never), summary);
      const bars = page.getByTestId('turn-bars');
      await bars.waitFor();
      expect(await bars.locator('.turn-bars__customer rect:not(.turn-bars__lane)').count()).toBe(4);
      expect(await bars.locator('rect.turn-bars__overlap').count()).toBe(2);
      expect(await bars.locator('svg').getAttribute('aria-label')).toBe('Wie sprak wanneer: jij 17 s, de klant 57 s, 2 keer tegelijk');
      expect(await bars.locator('figcaption').innerText()).toMatch(/Jij\s+Klant\s+Tegelijk \(2×\)/);
      // Fits the page: no sideways scrolling on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: join(SHOTS, `summary-turns-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
