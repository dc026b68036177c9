// "Mijn momenten" on a desktop that is not enrolled with a team server: the agent's moments of a
// call, praise as well as flags, each saying whether it was shown live (and how the agent answered
// it, or that it was held back for lower certainty) and the supervisor's verdict; the agent
// replies to a flag and the reply is stored for the supervisor's review. The page speaks "je".
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../main/contracts/finding.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { getCallDetail } from '../../main/store/call-detail.ts';
import { markFinding } from '../../main/store/marks.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';
import { DesktopSync } from '../../main/sync/desktop-sync.ts';
import { join } from 'node:path';
import { MINE_API_PATH } from '../../main/sync/mine-api.ts';
import { chromiumMissing } from './browser-harness.ts';
import { serveMinePage, type MinePage } from './mine-harness.ts';
import { screenshotDir, seriousA11yViolations } from '../support/look.ts';

if (chromiumMissing) console.warn('Mijn momenten (moments) browser test skipped: no Chromium at /usr/bin/chromium');

const words = (startMs: number, text: string) => ({ startMs, endMs: startMs + 2_000, text });
/** A text finding's utterance and the stretch it is about. */
const about = (startMs: number, text: string) => ({ utterance: words(startMs, text), rangeMs: { startMs, endMs: startMs + 2_000 } });
const hiding: Finding = {
  kind: 'flag', behaviour: 'verschuilen', ruleId: 'verschuilen-directie-besluit', atMs: 13_000, severity: 'medium', source: 'text',
  tip: 'Neem het op je.', headline: 'Neem het op je', say: 'Ik zoek uit wat ik wél kan doen.',
  span: { startChar: 0, endChar: 17, text: 'de directie vindt' }, ...about(11_000, 'de directie vindt dat niet nodig'),
};
const minimising: Finding = { ...hiding, behaviour: 'bagatelliseren', ruleId: 'bagatelliseren-valt-mee', atMs: 30_000, headline: 'Toon begrip', say: 'Ik snap dat dit vervelend is.', span: { startChar: 4, endChar: 16, text: 'valt wel mee' }, ...about(28_000, 'dat valt wel mee') };
const unsure: Finding = { ...hiding, behaviour: 'verwijten', ruleId: 'scorer:verwijten', atMs: 45_000, confidence: 0.31, origin: 'model', headline: 'Maak geen verwijt', span: { startChar: 0, endChar: 9, text: 'had u dan' }, ...about(43_000, 'had u dan eerder gebeld') };
// Kept off the screen because its moment had passed; shown, but left unanswered until it went.
const late: Finding = { ...hiding, behaviour: 'onderbreken', ruleId: 'onderbreken-klant-valt-stil', atMs: 50_000, source: 'timing', headline: 'Laat de klant uitpraten', span: undefined, ...about(48_000, 'maar mevrouw') };
const unanswered: Finding = { ...hiding, behaviour: 'nee_verkopen', ruleId: 'nee-verkopen-kan-niet', atMs: 55_000, headline: 'Zeg wat wél kan', ...about(53_000, 'dat kan niet') };
const praise: Finding = { kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'begrip-tonen-ik-snap', atMs: 60_000, severity: 'info', source: 'text', tip: 'Goed.', headline: 'Goed: je toont begrip', say: 'Ik snap dat dit vervelend voor u is.', ...about(58_000, 'ik snap dat dit vervelend is') };

describe.skipIf(chromiumMissing)('Mijn momenten: moments, verdicts and replies', () => {
  let store: CallStore;
  let sync: DesktopSync;
  let mine: MinePage;
  let browser: Browser;
  let link: string;
  let callId: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    store = openStore(':memory:');
    sync = new DesktopSync(store, { log: () => {} });
    const rec = createCallRecorder(store);
    callId = rec.startCall({ agentId: 'lokaal', startedAtMs: Date.now() - 600_000 });
    ids.hiding = rec.recordFinding(callId, hiding, { shown: true });
    rec.markTipOutcome(ids.hiding, 'acknowledged');
    ids.minimising = rec.recordFinding(callId, minimising, { shown: true });
    rec.markTipOutcome(ids.minimising, 'dismissed');
    ids.unsure = rec.recordFinding(callId, unsure, { shown: false, heldReason: 'low-confidence' });
    ids.late = rec.recordFinding(callId, late, { shown: false, heldReason: 'stale' });
    ids.unanswered = rec.recordFinding(callId, unanswered, { shown: true });
    rec.markTipOutcome(ids.unanswered, 'expired');
    ids.praise = rec.recordFinding(callId, praise, { shown: true });
    rec.endCall(callId, { endedAtMs: Date.now() - 300_000 });
    markFinding(store, ids.minimising, { verdict: 'wrong', comment: 'Hier was het terecht om te nuanceren.' }, 'sanne');
    // An earlier call, with one moment: shown under its own heading, after the newer call.
    const earlier = rec.startCall({ agentId: 'lokaal', startedAtMs: Date.now() - 3_600_000 });
    rec.recordFinding(earlier, { ...praise, behaviour: 'vervolgstappen', ruleId: 'vervolgstappen-ik-bel', atMs: 95_000, headline: 'Goed: je noemt de vervolgstap' }, { shown: false, heldReason: 'praise-too-soon' });
    rec.endCall(earlier, { endedAtMs: Date.now() - 3_400_000 });

    mine = await serveMinePage(store, sync);
    ({ link, browser } = mine);
  }, 60_000);

  afterAll(async () => {
    await mine?.close();
    await sync?.stop();
    store?.close();
  });

  it('shows flags and praise, whether each was shown live, the verdict, and takes a reply to a flag', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(link);
    const moments = page.getByTestId('moment');
    await expect.poll(() => moments.count(), { timeout: 10_000 }).toBe(7);
    const card = (behaviourName: string) => moments.filter({ hasText: behaviourName });

    // Per call, the newest first; each moment says when in the call it was.
    const calls = page.getByTestId('call');
    expect(await calls.count()).toBe(2);
    expect(await calls.first().getByRole('heading').textContent()).toMatch(/^Gesprek van \d{1,2} [a-z]{3} \d{4} \d{2}:\d{2}$/);
    expect(await calls.first().getByTestId('moment').count()).toBe(6);
    expect(await calls.nth(1).getByTestId('moment').textContent()).toContain('Goed gedaan: Vervolgstappen noemen');
    expect(await card('Verschuilen achter de organisatie').locator('time').textContent()).toBe('0:13');
    expect(await card('Vervolgstappen noemen').getByTestId('live-line').textContent()).toBe('Niet live getoond (kort na een ander compliment)');

    expect(await page.getByTestId('moment').and(page.locator('[data-kind="praise"]')).count()).toBe(2);
    expect(await card('Begrip tonen').textContent()).toContain('Goed gedaan: Begrip tonen');
    expect(await card('Verschuilen achter de organisatie').getByTestId('live-line').textContent()).toBe('Live getoond · je koos Begrepen');
    expect(await card('Het probleem klein maken').getByTestId('live-line').textContent()).toBe('Live getoond · je koos Niet nu');
    expect(await card('Een verwijt maken').getByTestId('live-line').textContent()).toBe('Niet live getoond: lagere zekerheid');
    // Why it was not shown, or how it went, in the words review uses for the supervisor.
    expect(await card('Onderbreken').getByTestId('live-line').textContent()).toBe('Niet live getoond (het moment was voorbij)');
    expect(await card('Zeggen wat niet kan').getByTestId('live-line').textContent()).toBe('Live getoond · verdween zonder reactie');
    expect(await card('Het probleem klein maken').getByTestId('verdict-line').textContent())
      .toBe('sanne vond dit onterecht: “Hier was het terecht om te nuanceren.”');
    expect(await card('Verschuilen achter de organisatie').getByTestId('verdict-line').textContent()).toBe('Nog niet beoordeeld door je leidinggevende');
    // Praise gets no reply form; flags do. The page says "je", never "u" or "uw", to the agent.
    expect(await card('Begrip tonen').getByRole('button', { name: 'Reageren' }).count()).toBe(0);
    // (Left out: the sentences to say and the agent's words, which speak to the customer.)
    const text = await page.locator('main').evaluate((main) => {
      const copy = main.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.say, blockquote').forEach((el) => el.remove());
      return copy.innerText;
    });
    expect(text.replace(/“[^”]*”/g, '')).not.toMatch(/(^|[^\p{L}])(u|uw)([^\p{L}]|$)/iu);

    await card('Het probleem klein maken').getByRole('button', { name: 'Reageren' }).click();
    await page.getByLabel('Jouw reactie voor je leidinggevende').fill('De klant zei zelf dat het meeviel.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => card('Het probleem klein maken').getByTestId('reply').textContent(), { timeout: 5_000 })
      .toBe('Jouw reactie: De klant zei zelf dat het meeviel.');
    const stored = getCallDetail(store, callId)!.findings.find((f) => f.id === ids.minimising)!;
    expect(stored.reply?.text).toBe('De klant zei zelf dat het meeviel.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir('views'), 'mine-moments-phone.png'), fullPage: true });
    await page.close();
  });

  it('refuses a reply to praise, to an unknown moment, or one that is too long', async () => {
    const auth = `Desktop ${new URL(link).hash.replace('#desktop=', '')}`;
    const post = (body: object): Promise<Response> =>
      fetch(new URL(`${MINE_API_PATH}/reply`, link), { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ callId, findingId: ids.praise, text: 'dank je' })).status).toBe(404);
    expect((await post({ callId, findingId: 999_999, text: 'x' })).status).toBe(404);
    const long = await post({ callId, findingId: ids.hiding, text: 'x'.repeat(1_001) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toMatch(/at most 1000 characters/);
    // An empty reply removes it.
    expect((await post({ callId, findingId: ids.minimising, text: '  ' })).status).toBe(200);
    expect(getCallDetail(store, callId)!.findings.find((f) => f.id === ids.minimising)!.reply).toBeNull();
  });
});
