// The Oefenen page end to end in Chromium: the real practice server (engine, timing rules, coach,
// scenarios) and the built page. A trainee types a good round and a poor one through the
// lekkage scenario; the customer's lines, the coach's tip, the interruption and the score card
// are asserted on the page. The server's clock is moved by hand: "waiting until the customer
// finished" is a clock step, and not moving it is talking over the customer.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCoachConfig } from '../../main/coach/load-coach-config.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { PracticeRounds } from '../../main/practice/practice-rounds.ts';
import { PracticeServer } from '../../main/practice/practice-server.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';
import { findRecordedLines } from '../../main/practice/recorded-lines.ts';
import type { ScoreCard } from '../../main/practice/score-card.ts';
import { buildPage, chromiumMissing, launchChromium } from '../app/page-harness.ts';
import { screenshotDir, seriousA11yViolations } from '../support/look.ts';

if (chromiumMissing) console.warn('Oefenen browser test skipped: no Chromium at /usr/bin/chromium');

/** Ignored by git (.cache/), looked at by hand. */
const SHOTS = screenshotDir('practice');

describe.skipIf(chromiumMissing)('Oefenen page', () => {
  let dir = '';
  let server: PracticeServer;
  let browser: Browser;
  let url = '';
  let clockMs = 0;
  const finished: ScoreCard[] = [];

  beforeAll(async () => {
    dir = await buildPage('oefenen');
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const rounds = new PracticeRounds({
      scenarios: loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).map((l) => l.scenario),
      engine, timingRules: timingRuntimes(engine), coachConfig: loadCoachConfig(), now: () => clockMs,
      onFinished: (card) => finished.push(card),
    });
    server = new PracticeServer({ rounds, staticDir: dir, port: 0 });
    url = await server.listen();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function answer(page: Page, text: string, waitForCustomer: boolean): Promise<void> {
    if (waitForCustomer) clockMs += 60_000;
    const before = await page.getByTestId('customer-line').textContent();
    await page.getByLabel('Jouw antwoord').fill(text);
    await page.getByRole('button', { name: 'Zeg het' }).click();
    // The next customer line (or the score card) replaces the last one.
    await page.waitForFunction((prev) => {
      const line = document.querySelector('[data-testid="customer-line"]');
      return document.querySelector('[data-testid="score-card"]') || (line && line.textContent !== prev);
    }, before);
  }

  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(`${url}?scenario=lekkage-derde-keer`);
    await page.getByRole('button', { name: 'Begin het gesprek' }).click();
    await page.getByTestId('customer-line').getByText('derde keer over die lekkage').waitFor();
    return page;
  }

  it('lists the scenarios and briefs the trainee', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(url);
    await expect(page.getByRole('button', { name: /Lekkage, voor de derde keer gemeld/ }).count()).resolves.toBe(1);
    await expect(page.locator('.practice__pick').count()).resolves.toBe(5);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'kies.png') });
    await page.getByRole('button', { name: /Pakket nooit bezorgd/ }).click();
    await page.getByText('Je oefent:').waitFor();
    expect(await page.locator('.practice__briefing').textContent()).toMatch(/Je oefent:.*begrip/i);
    await page.screenshot({ path: join(SHOTS, 'briefing.png') });
    await page.close();
  });

  it('a good round: the customer calms down, agrees a next step, and every goal is shown', async () => {
    const page = await open();
    await answer(page, 'Wat vervelend dat u hier al voor de derde keer over moet bellen.', true);
    expect(await page.getByTestId('customer-line').textContent()).toContain('Ik slaap er slecht van');
    // The coach praises as on a real call.
    expect(await page.getByTestId('tip-card').getAttribute('class')).toContain('tip-card--praise');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'goed-tip.png') });
    await answer(page, 'Kunt u vertellen wat er precies gebeurd is?', true);
    expect(await page.getByTestId('customer-line').textContent()).toContain('kit vervangen');
    await answer(page, 'Ik regel dat er morgen tussen acht en twaalf een monteur komt, en ik bel u morgenmiddag terug.', true);
    const card = page.getByTestId('score-card');
    await card.waitFor();
    for (const goal of ['begrip_tonen', 'doorvragen', 'vervolgstappen']) {
      expect(await page.getByTestId(`goal-${goal}`).textContent()).toMatch(/^✓ Gedaan/);
    }
    expect(await page.getByTestId('goal-vervolgstappen').textContent()).toContain('Ik regel dat er morgen');
    expect(await page.getByTestId('talk-facts').textContent()).toContain('Klant onderbroken: 0×');
    await page.screenshot({ path: join(SHOTS, 'goed-score.png'), fullPage: true });
    expect(finished.at(-1)?.path).toEqual(['rustiger', 'details', 'afspraak']);
    await page.close();
  });

  it('a poor round: hiding behind management gets a tip, talking over the customer stops them, and the card says so', async () => {
    const page = await open();
    await answer(page, 'Daar ga ik niet over, dat heeft de directie zo besloten.', true);
    expect(await page.getByTestId('customer-line').textContent()).toContain('Dat hoor ik nu al twee keer');
    expect(await page.getByTestId('tip-card').getAttribute('class')).toContain('tip-card--flag');
    await page.screenshot({ path: join(SHOTS, 'slecht-tip.png') });
    // Sent at once, while the customer is still talking: an interruption.
    await answer(page, 'Ja ja, ik hoor het al.', false);
    expect(await page.getByTestId('customer-line').textContent()).toContain('Laat u mij nou even uitpraten');
    await answer(page, 'Het is maar een kleine lekkage, dat valt wel mee.', true);
    await page.getByTestId('score-card').waitFor();
    for (const goal of ['begrip_tonen', 'doorvragen', 'vervolgstappen']) {
      expect(await page.getByTestId(`goal-${goal}`).textContent()).toMatch(/^✗ Gemist/);
    }
    expect(await page.getByTestId('slip-verschuilen').textContent()).toContain('dat heeft de directie zo besloten');
    expect(await page.getByTestId('slip-onderbreken').count()).toBe(1);
    expect(await page.getByTestId('talk-facts').textContent()).toContain('Klant onderbroken: 1×');
    await page.screenshot({ path: join(SHOTS, 'slecht-score.png'), fullPage: true });
    expect(finished.at(-1)?.path).toEqual(['boos', 'onderbroken', 'leidinggevende']);
    await page.close();
  });

  it('examen: no tips during the round', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(`${url}?scenario=lekkage-derde-keer&examen=1`);
    await page.getByRole('button', { name: 'Begin het gesprek' }).click();
    await page.getByTestId('customer-line').getByText('derde keer').waitFor();
    expect(await page.getByText('Examen: geen tips').first().textContent()).toContain('Examen');
    await answer(page, 'Daar ga ik niet over, dat heeft de directie zo besloten.', true);
    expect(await page.getByTestId('tip-card').count()).toBe(0);
    await page.close();
  });

  it.skipIf(!existsSync('/usr/bin/espeak-ng'))('a trainer\'s recording is the customer\'s voice, and the page says so', async () => {
    const scenariosDir = mkdtempSync(join(tmpdir(), 'kc-recorded-'));
    mkdirSync(join(scenariosDir, 'nl', 'lekkage-derde-keer'), { recursive: true });
    copyFileSync(join(DEFAULT_SCENARIOS_DIR, 'nl', 'lekkage-derde-keer.yaml'), join(scenariosDir, 'nl', 'lekkage-derde-keer.yaml'));
    execFileSync('espeak-ng', ['-v', 'nl', '-w', join(scenariosDir, 'nl', 'lekkage-derde-keer', 'opening.wav'), 'Ja met mevrouw Jansen. Ik bel over de lekkage.']);
    const [loaded] = loadScenariosOrThrow(scenariosDir);
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const recorded = new PracticeServer({
      rounds: new PracticeRounds({
        scenarios: [loaded!.scenario], engine, timingRules: timingRuntimes(engine), coachConfig: loadCoachConfig(),
        recordings: new Map([[loaded!.scenario.id, findRecordedLines(loaded!).lines]]),
      }),
      staticDir: dir, port: 0,
    });
    const recordedUrl = await recorded.listen();
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    try {
      await page.goto(`${recordedUrl}?scenario=lekkage-derde-keer`);
      expect(await page.getByTestId('voice-label').textContent()).toMatch(/^De klant spreekt met ingesproken zinnen van je trainer \(1 zin; de rest als /);
      const fetched = page.waitForResponse((r) => r.url().endsWith('/lines/opening'));
      await page.getByRole('button', { name: 'Begin het gesprek' }).click();
      const response = await fetched;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('audio/wav');
      await expect.poll(() => page.getByTestId('customer-line').getAttribute('data-voice')).toBe('recorded');
      // The recording really plays in the page's audio element.
      await expect.poll(() => page.evaluate(() => document.querySelector('audio')!.currentTime), { timeout: 5_000 }).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, 'opgenomen-stem.png') });
    } finally {
      await page.close();
      await recorded.close();
      rmSync(scenariosDir, { recursive: true, force: true });
    }
  });
});

