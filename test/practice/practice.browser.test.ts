// The Oefenen page end to end in Chromium: the real practice server (engine, timing rules, coach,
// scenarios) and the built page. A trainee types every shipped scenario's example rounds (the
// good and the poor one, read from scenarios/nl/*.yaml); the customer's lines, the interruptions,
// the coach's tips and the score card are asserted on the page. The server's clock is moved by
// hand: "waiting until the customer finished" is a clock step, and not moving it is talking over
// the customer. The page's clock runs as usual but is moved past a long silence.
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
import { attemptOf } from '../../main/store/practice-results.ts';
import type { ScoreCard } from '../../main/practice/score-card.ts';
import type { Scenario, ScenarioExample } from '../../main/practice/scenario-schema.ts';
import { buildPage, chromiumMissing, launchChromium } from '../app/page-harness.ts';
import { screenshotDir, seriousA11yViolations } from '../support/look.ts';
import {
  customerLinesShown, exampleRounds, expectedLinesShown, expectScoreCard, interruptionsOf, shippedScenarios, showsEveryGoal,
  watchCustomerLines,
} from './example-rounds.ts';

if (chromiumMissing) console.warn('Oefenen browser test skipped: no Chromium at /usr/bin/chromium');

/** Ignored by git (.cache/), looked at by hand. */
const SHOTS = screenshotDir('practice');
const scenarios = shippedScenarios();

describe.skipIf(chromiumMissing)('Oefenen page', () => {
  let dir = '';
  let server: PracticeServer;
  let browser: Browser;
  let url = '';
  let clockMs = 0;
  const finished: ScoreCard[] = [];
  /** The example played last at each customer, for the comparison with earlier rounds. */
  const previous = new Map<string, ScenarioExample>();

  beforeAll(async () => {
    dir = await buildPage('oefenen');
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const rounds = new PracticeRounds({
      scenarios,
      engine, timingRules: timingRuntimes(engine), coachConfig: loadCoachConfig(), now: () => clockMs,
      // The store's part (earlier rounds of the scenario, newest first), kept in memory here.
      earlierAttempts: (id) => finished.filter((c) => c.scenarioId === id).reverse().map((card, i) => attemptOf({ startedAtMs: Date.UTC(2026, 10, 30, 10, i), card })),
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

  /** How many lines the conversation so far lists (the trainee's and the customer's). */
  const linesSaid = (page: Page): Promise<number> => page.locator('.practice__history li').count();

  /** Waits until the customer answered the trainee's turn (two more lines said) or the round ended. */
  async function customerAnswered(page: Page, before: number): Promise<void> {
    await page.waitForFunction((n) => document.querySelector('[data-testid="score-card"]')
      || document.querySelectorAll('.practice__history li').length >= n + 2, before);
  }

  async function answer(page: Page, text: string, waitForCustomer: boolean): Promise<void> {
    if (waitForCustomer) clockMs += 60_000;
    const before = await linesSaid(page);
    await page.getByLabel('Jouw antwoord').fill(text);
    await page.getByRole('button', { name: 'Zeg het' }).click();
    await customerAnswered(page, before);
  }

  /** Says nothing: the page's clock runs past the customer's line and the scenario's silence. */
  async function stayQuiet(page: Page, scenario: Scenario): Promise<void> {
    const before = await linesSaid(page);
    await page.clock.fastForward(60_000 + scenario.silenceMs);
    await customerAnswered(page, before);
  }

  async function open(scenario: Scenario): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    // The page's timers on a clock the test can move (long silences), running as usual otherwise.
    await page.clock.install();
    await watchCustomerLines(page);
    await page.goto(`${url}?scenario=${scenario.id}`);
    await page.getByRole('button', { name: 'Begin het gesprek' }).click();
    await page.getByTestId('customer-line').getByText(scenario.opening).waitFor();
    return page;
  }

  it('lists the scenarios and briefs the trainee', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
    await page.goto(url);
    await expect(page.getByRole('button', { name: /Lekkage, voor de derde keer gemeld/ }).count()).resolves.toBe(1);
    await expect(page.locator('.practice__pick').count()).resolves.toBe(scenarios.length);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'kies.png') });
    await page.getByRole('button', { name: /Pakket nooit bezorgd/ }).click();
    await page.getByText('Je oefent:').waitFor();
    expect(await page.locator('.practice__briefing').textContent()).toMatch(/Je oefent:.*begrip/i);
    await page.screenshot({ path: join(SHOTS, 'briefing.png') });
    await page.close();
  });

  // Every shipped scenario's example rounds, in the file's order (the good round first, so the
  // poor one is compared with it), typed as a trainee would: an answer after the customer
  // finished, an interruption sent while the customer is still talking, a silence left alone.
  for (const scenario of scenarios) {
    describe(scenario.title, () => {
      for (const round of exampleRounds(scenario)) {
        const { example } = round;
        it(`${example.name}: the customer answers along [${example.path.join(', ')}], the score card shows [${(example.shown ?? []).join(', ')}]`, async () => {
          const page = await open(scenario);
          const tips: string[] = [];
          for (const turn of example.turns) {
            if ('silence' in turn) await stayQuiet(page, scenario);
            else await answer(page, turn.say, !turn.interrupt);
            const tip = page.getByTestId('tip-card');
            if (await tip.count() > 0) tips.push((await tip.getAttribute('class')) ?? '');
            if (await page.getByTestId('score-card').count() > 0) break;
          }
          await page.getByTestId('score-card').waitFor();
          expect(finished.at(-1)?.path, round.key).toEqual(example.path);
          expect(await customerLinesShown(page), round.key).toEqual(expectedLinesShown(round));
          await expectScoreCard(page, round);
          // The coach coaches as on a real call: a poor round gets flagged, a good one never.
          if (showsEveryGoal(round)) expect(tips.filter((t) => t.includes('tip-card--flag')), round.key).toEqual([]);
          else expect(tips.some((t) => t.includes('tip-card--flag')), round.key).toBe(true);
          // The comparison with the round before at this customer (the example before it).
          const earlier = previous.get(scenario.id);
          const verdict = page.getByTestId('earlier');
          if (!earlier) expect(await verdict.textContent()).toContain('Dit is je eerste ronde met deze klant.');
          else {
            const [now, then] = [example, earlier].map((e) => (e.shown ?? []).length);
            const fewer = then! - now!;
            if (fewer > 0) expect(await verdict.textContent()).toContain(`Je liet ${fewer} doel${fewer === 1 ? '' : 'en'} minder zien dan de vorige keer`);
            expect(await verdict.locator('tbody tr').count()).toBe(2);
            expect(await verdict.locator('tbody tr').first().textContent()).toMatch(
              new RegExp(`^Nu${now} van ${scenario.goals.length}${interruptionsOf(example)}×\\d+ %$`));
          }
          previous.set(scenario.id, example);
          expect(await seriousA11yViolations(page)).toEqual([]);
          await page.screenshot({ path: join(SHOTS, `${round.key}-score.png`), fullPage: true });
          await page.close();
        });
      }
    });
  }

  it('lekkage: the coach praises understanding and flags hiding behind management, with the tip on screen', async () => {
    const lekkage = scenarios.find((s) => s.id === 'lekkage-derde-keer')!;
    const good = await open(lekkage);
    await answer(good, 'Wat vervelend dat u hier al voor de derde keer over moet bellen.', true);
    expect(await good.getByTestId('tip-card').getAttribute('class')).toContain('tip-card--praise');
    expect(await seriousA11yViolations(good)).toEqual([]);
    await good.screenshot({ path: join(SHOTS, 'goed-tip.png') });
    await good.close();
    const poor = await open(lekkage);
    await answer(poor, 'Daar ga ik niet over, dat heeft de directie zo besloten.', true);
    expect(await poor.getByTestId('tip-card').getAttribute('class')).toContain('tip-card--flag');
    await poor.screenshot({ path: join(SHOTS, 'slecht-tip.png') });
    // Sent at once, while the customer is still talking: an interruption, and the customer says so.
    await answer(poor, 'Ja ja, ik hoor het al.', false);
    expect(await poor.getByTestId('customer-line').textContent()).toContain('Laat u mij nou even uitpraten');
    await poor.close();
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

