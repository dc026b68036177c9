// The review flow in Chromium against the real server and the real Vite bundle: sign in (wrong
// password first), filter the list, open a call, mark a flag wrong with a comment, export CSV,
// look at the trends. Screenshots go to .cache/review-screenshots/ for a person to look at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildPage } from '../app/page-harness.ts';
import { NEWEST_TURNS, startReviewFixture, SUPERVISOR, type ReviewFixture } from './review-fixture.ts';
import { getCallDetail } from '../../main/store/call-detail.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve('.cache/review-screenshots');
const canRun = existsSync(CHROMIUM);
if (!canRun) console.warn(`review browser test skipped: no Chromium at ${CHROMIUM}`);

let fx: ReviewFixture;
let browser: Browser;
let page: Page;
let staticDir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!canRun) return;
  staticDir = await buildPage('review');
  // Mounted under /review/, as the session server would, to prove relative URLs work there.
  fx = await startReviewFixture({ staticDir, basePath: '/review' });
  fx.clock.ms = Date.now(); // the browser's clock is real; sessions must not look expired
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright-core gives every launch a fresh temporary profile (it refuses --user-data-dir).
  });
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  if (!canRun) return;
  await browser?.close();
  await fx?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe.skipIf(!canRun)('review screens in Chromium', () => {
  it('signs in, rejecting a wrong password first', async () => {
    await page.goto(fx.url);
    await page.getByRole('heading', { name: 'Inloggen voor leidinggevenden' }).waitFor();
    await page.getByLabel('Gebruikersnaam').fill(SUPERVISOR.username);
    await page.getByLabel('Wachtwoord').fill('verkeerd wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('onbekende gebruiker of wachtwoord');
    await page.screenshot({ path: join(SHOTS, '1-sign-in-error.png') });
    await page.getByLabel('Wachtwoord').fill(SUPERVISOR.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: /Gesprekken/ }).waitFor();
    expect(await page.locator('table.calls tbody tr').count()).toBe(24);
    await page.screenshot({ path: join(SHOTS, '2-call-list.png'), fullPage: false });
  });

  it('filters the list by agent and behaviour', async () => {
    await page.getByLabel('Medewerker').selectOption('bram');
    await page.getByLabel('Gedrag').selectOption('verschuilen');
    await page.waitForFunction(() => document.querySelectorAll('table.calls tbody tr').length === 4);
    expect(await page.locator('h2 .count').textContent()).toBe(' (4)');
    await page.screenshot({ path: join(SHOTS, '3-call-list-filtered.png') });
    await page.getByLabel('Medewerker').selectOption('');
    await page.getByLabel('Gedrag').selectOption('');
    await page.waitForFunction(() => document.querySelectorAll('table.calls tbody tr').length === 24);
  });

  it('opens a call and shows the flagged moments with the words around them', async () => {
    await page.locator('table.calls tbody tr').first().getByRole('link').click();
    await page.getByRole('heading', { name: /anna ·/ }).waitFor();
    const cards = page.locator('article.finding');
    expect(await cards.count()).toBe(3);
    const first = cards.first();
    expect(await first.locator('header strong').textContent()).toBe('Bagatelliseren, kleinerend praten');
    expect(await first.locator('.context mark').textContent()).toBe('valt toch wel mee');
    expect(await first.locator('.context li').allTextContents()).toEqual(['0:21 ja maar dat valt toch wel mee mevrouw']);
    expect(await page.locator('svg.timeline path.marker').count()).toBe(3);
    // The customer's timing beside the agent's: one bar per stretch of speech, the double talk marked.
    const bars = page.getByTestId('turn-bars');
    expect(await bars.locator('.turn-bars__agent rect:not(.turn-bars__lane)').count()).toBe(NEWEST_TURNS.filter((t) => t[0] === 'agent').length);
    expect(await bars.locator('.turn-bars__customer rect:not(.turn-bars__lane)').count()).toBe(NEWEST_TURNS.filter((t) => t[0] === 'customer').length);
    expect(await bars.locator('rect.turn-bars__overlap').count()).toBe(1);
    expect(await bars.locator('svg').getAttribute('aria-label')).toBe('Wie sprak wanneer: medewerker 17 s, klant 41 s, 1 keer tegelijk');
    expect(await bars.locator('figcaption').textContent()).toContain('Tegelijk (1×)');
    // It lines up with the timeline strip above it (inside the strip's 1-px border): one time scale.
    const [strip, turns] = await Promise.all([page.locator('svg.timeline').boundingBox(), bars.locator('svg').boundingBox()]);
    expect(Math.abs(turns!.x - (strip!.x + 1))).toBeLessThanOrEqual(1);
    expect(Math.abs(turns!.width - (strip!.width - 2))).toBeLessThanOrEqual(1);
    await page.screenshot({ path: join(SHOTS, '4-call-timeline.png'), fullPage: true });
  });

  it('marks a flag wrong with a comment, and the store has it', async () => {
    const first = page.locator('article.finding').first();
    await first.getByLabel('Opmerking').fill('Klant maakte zelf het grapje');
    await first.getByRole('button', { name: 'Onterecht' }).click();
    await first.getByText('Onterecht volgens sanne').waitFor();
    expect(await first.getByRole('button', { name: 'Onterecht' }).getAttribute('aria-pressed')).toBe('true');
    const stored = getCallDetail(fx.store, fx.callIds[0]!)!.findings[0]!;
    expect(stored.mark).toMatchObject({ verdict: 'wrong', comment: 'Klant maakte zelf het grapje', supervisor: 'sanne' });
    await page.screenshot({ path: join(SHOTS, '5-marked-wrong.png'), fullPage: true });
  });

  it('exports the list as CSV with the mark in it', async () => {
    await page.getByRole('link', { name: 'Terug naar de lijst' }).click();
    await page.getByLabel('Medewerker').selectOption('anna');
    await page.waitForFunction(() => document.querySelectorAll('table.calls tbody tr').length === 8);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV exporteren' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^klachtcoach-bevindingen-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^call_id,agent_id,/);
    expect(lines.slice(1).every((l) => l.split(',')[1] === 'anna')).toBe(true);
    expect(csv).toContain('wrong,Klant maakte zelf het grapje,sanne');
  });

  it('shows trends per behaviour over weeks as a chart', async () => {
    await page.getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('heading', { name: 'Aandachtspunten per week (per gesprek)' }).waitFor();
    await page.locator('.trend polyline').first().waitFor();
    // The agent filter from the list carries over (anna); then all agents.
    expect(await page.getByLabel('Medewerker').inputValue()).toBe('anna');
    await page.getByLabel('Medewerker').selectOption('');
    const callsInTable = () =>
      page.evaluate(() => [...document.querySelectorAll('.calls-row td')].reduce((n, td) => n + Number(td.textContent), 0));
    await page.waitForFunction(() => [...document.querySelectorAll('.calls-row td')].reduce((n, td) => n + Number(td.textContent), 0) === 24);
    expect(await callsInTable()).toBe(24);
    expect(await page.locator('.trend polyline').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.trend .legend').textContent()).toContain('Verschuilen');
    await page.screenshot({ path: join(SHOTS, '6-trends.png'), fullPage: true });
    // The two 401s are expected: the session probe before sign-in and the wrong password.
    const unexpected = consoleErrors.filter((e) => !/status of 401 \(Unauthorized\)/.test(e));
    expect(consoleErrors.length - unexpected.length).toBe(2);
    expect(unexpected).toEqual([]);
  });
});
