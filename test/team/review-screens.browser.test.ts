// The real review page (Vite production bundle) in Chromium against the team server: a
// supervisor signs in with name + personal token, sees their team's calls only, opens one,
// and marks a flag, with the call's turn bars. Screenshots go to .cache/screenshots/team-review/
// for a person to look at.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from '../app/page-harness.ts';
import { screenshotDir } from '../support/look.ts';
import { openDesktop, produceCalls, SAMPLE_TURNS, serverId, type SimulatedDesktop } from '../sync/support/desktop.ts';
import { postgresUnavailableReason } from './support/throwaway-postgres.ts';
import { addAgent, addStaff, addTeam, startTeamFixture, type TeamFixture } from './support/team-fixture.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = screenshotDir('team-review');
const skip = postgresUnavailableReason() ?? (existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}`);
if (skip) console.warn(`team review browser test skipped: ${skip}`);

describe.skipIf(skip)('team review screens in Chromium', () => {
  let f: TeamFixture;
  let staticDir: string;
  let browser: Browser;
  let page: Page;
  let supToken: string;
  let anna: SimulatedDesktop;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    staticDir = await buildPage('review');
    f = await startTeamFixture({ staticDir });
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'share-all', shareSnippets: true, showAgentNames: true, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const north = await addTeam(f, 'Noord');
    const south = await addTeam(f, 'Zuid');
    supToken = await addStaff(f, 'supervisor', 'Sanne', north);
    for (const [team, name] of [[north, 'Anna'], [south, 'Cor']] as const) {
      const { code } = await addAgent(f, team, name);
      const d = openDesktop();
      await d.sync.enrol(f.server.url, code, 'pc');
      produceCalls(d, 3, 3);
      await d.sync.syncer!.flush();
      if (name === 'Anna') anna = d;
    }
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await f?.close();
    if (staticDir) rmSync(staticDir, { recursive: true, force: true });
  });

  it("signs in and lists only the own team's calls", async () => {
    await page.goto(`${f.server.url}/review/`);
    await page.getByLabel('Gebruikersnaam').fill('Sanne');
    await page.getByLabel('Wachtwoord').fill(supToken);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { name: /Gesprekken/ }).waitFor();
    await page.locator('table.calls tbody tr').first().waitFor();
    // The page asks for a session before sign-in and gets the expected 401; count errors after.
    consoleErrors.length = 0;
    expect(await page.locator('table.calls tbody tr').count()).toBe(3);
    expect(await page.locator('table.calls tbody').textContent()).toContain('Anna');
    expect(await page.locator('table.calls tbody').textContent()).not.toContain('Cor');
    await page.screenshot({ path: join(SHOTS, '1-team-call-list.png') });
  });

  it('opens a call with the words around a flag and marks it', async () => {
    await page.locator('table.calls tbody tr').first().getByRole('link').click();
    const cards = page.locator('article.finding');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(3);
    expect(await page.locator('article.finding .context mark').first().textContent()).toBe('de directie vindt');
    // Who spoke when came with the call (share-all): the customer's timing as bars, double talk marked (issue 13).
    const bars = page.getByTestId('turn-bars');
    const drawn = (party: string) => bars.locator(`.turn-bars__${party} rect:not(.turn-bars__lane)`).count();
    expect(await drawn('customer')).toBe(SAMPLE_TURNS.filter((t) => t.party === 'customer').length);
    expect(await drawn('agent')).toBe(SAMPLE_TURNS.filter((t) => t.party === 'agent').length);
    expect(await bars.locator('rect.turn-bars__overlap').count()).toBe(1);
    const first = cards.first();
    await first.getByLabel('Opmerking').fill('Terecht, directie als schild');
    await first.getByRole('button', { name: 'Terecht', exact: true }).click();
    await first.getByText(/Terecht volgens Sanne/).waitFor();
    await page.screenshot({ path: join(SHOTS, '2-team-call-review.png'), fullPage: true });
    const { rows } = await f.pool.query<{ verdict: string; comment: string }>(
      `SELECT verdict, comment FROM marks WHERE author_kind = 'staff' AND finding_id = ANY($1)`, [anna.findings.map((x) => serverId(anna, x.id))]);
    expect(rows).toEqual([{ verdict: 'right', comment: 'Terecht, directie als schild' }]);
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([]);
  });
});
