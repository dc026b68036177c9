// "Mijn momenten" end to end: the engine's session server with the desktop-only API, a call store
// enrolled with a real team server (throwaway PostgreSQL) under 'agent-chooses', and the page in
// Chromium. The agent sees their flagged moment and the sync state, shares it (the team server
// then has it), and takes it back (the server deletes it). Keys that are not a desktop's are refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../main/contracts/finding.ts';
import { SessionServer } from '../../main/session/server.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';
import { DesktopSync } from '../../main/sync/desktop-sync.ts';
import { findingSyncId } from '../../main/sync/from-store.ts';
import { serverItemId } from '../../main/team/sync-contract.ts';
import { createMineHandler, MINE_API_PATH } from '../../main/sync/mine-api.ts';
import { postgresUnavailableReason } from '../team/support/throwaway-postgres.ts';
import { addAgent, addTeam, startTeamFixture, type TeamFixture } from '../team/support/team-fixture.ts';
import { memoryCredentials } from '../../renderer/session-client/credentials.ts';
import { nodeClient, waitForStatus } from '../session/helpers.ts';
import { chromiumMissing, launchChromium, SCREENSHOTS } from './browser-harness.ts';

const skip = postgresUnavailableReason() ?? (chromiumMissing ? 'no Chromium at /usr/bin/chromium' : null);
if (skip) console.warn(`Mijn momenten browser test skipped: ${skip}`);

const flag: Finding = {
  kind: 'flag', behaviour: 'verschuilen', ruleId: 'nl.Verschuilen.Directie', atMs: 12_500, tip: 'Neem zelf eigenaarschap: "Ik ga dit voor u regelen."', severity: 'medium', source: 'text',
  span: { startChar: 0, endChar: 17, text: 'de directie vindt' }, utterance: { startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' },
  rangeMs: { startMs: 11_000, endMs: 13_000 },
};

async function buildMinePage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'klachtcoach-mine-'));
  const root = resolve(import.meta.dirname, '../../renderer');
  await build({ configFile: false, root, base: './', logLevel: 'error', plugins: [react()], build: { outDir, emptyOutDir: true, rollupOptions: { input: { mine: join(root, 'mine.html') } } } });
  return outDir;
}

describe.skipIf(skip)('Mijn momenten', () => {
  let f: TeamFixture;
  let store: CallStore;
  let sync: DesktopSync;
  let server: SessionServer;
  let origin: string;
  let link: string;
  let browser: Browser;
  let outDir: string;
  let callId: string;
  let findingId: number;
  let deviceId: string;

  beforeAll(async () => {
    f = await startTeamFixture();
    await f.api(f.adminToken, 'PUT', '/api/admin/policy', { sharing: 'agent-chooses', shareSnippets: true, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 });
    const { code } = await addAgent(f, await addTeam(f, 'West'));
    store = openStore(':memory:');
    ({ deviceId } = await DesktopSync.enrol(store, f.server.url, code, 'pc'));
    sync = new DesktopSync(store, { idlePollMs: 50, log: () => {} });
    sync.start();
    const rec = createCallRecorder(store);
    callId = rec.startCall({ agentId: 'lokaal', startedAtMs: Date.now() - 600_000 });
    rec.recordUtterance(callId, { startMs: 11_000, endMs: 13_000, text: 'de directie vindt dat niet nodig' });
    findingId = rec.recordFinding(callId, flag, { shown: true });
    rec.endCall(callId, { endedAtMs: Date.now() - 300_000 });
    sync.callEnded(callId);

    outDir = await buildMinePage();
    server = new SessionServer({ staticDir: outDir, port: 0, desktopApi: { basePath: MINE_API_PATH, handler: createMineHandler(store, sync) } });
    origin = (await server.listen()).origin;
    link = server.createDesktopLink(origin, 'mine.html', 'Mijn momenten');
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await sync?.stop();
    store?.close();
    await f?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('refuses requests without a desktop key, with a wrong key, and bad bodies', async () => {
    const auth = `Desktop ${new URL(link).hash.replace('#desktop=', '')}`;
    expect((await fetch(`${origin}${MINE_API_PATH}`)).status).toBe(401);
    const [id] = auth.slice('Desktop '.length).split('.');
    expect((await fetch(`${origin}${MINE_API_PATH}`, { headers: { authorization: `Desktop ${id}.${'A'.repeat(43)}` } })).status).toBe(401);
    expect((await fetch(`${origin}${MINE_API_PATH}`, { headers: { authorization: `Desktop unknown-device.${'A'.repeat(43)}` } })).status).toBe(401);
    expect((await fetch(`${origin}${MINE_API_PATH}`, { headers: { authorization: auth } })).status).toBe(200);

    // A tablet paired for real: its own valid key opens nothing here.
    const credentials = memoryCredentials();
    const tablet = nodeClient(origin, `${origin.replace('http', 'ws')}/ws`, credentials);
    const { url } = server.createPairing(origin);
    const off = server.on('pair:request', (d) => { off(); server.acceptDevice(d.deviceId); });
    tablet.pair(url);
    await waitForStatus(tablet, 'connected');
    const viewer = credentials.load()!;
    expect(viewer.role).toBe('viewer');
    expect((await fetch(`${origin}${MINE_API_PATH}`, { headers: { authorization: `Desktop ${viewer.deviceId}.${viewer.key}` } })).status).toBe(401);
    tablet.close();
    const post = (body: string, type = 'application/json'): Promise<Response> => fetch(`${origin}${MINE_API_PATH}/share`, { method: 'POST', headers: { authorization: auth, 'content-type': type }, body });
    expect((await post('{"callId":', 'application/json')).status).toBe(400);
    expect((await post('{}', 'text/plain')).status).toBe(415);
    const missing = await post(JSON.stringify({ callId, findingId: 999_999, share: true }));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toContain('999999');
  });

  it('shows the moment and the sync state; sharing sends it to the team server, taking it back removes it', async () => {
    const page = await browser.newPage({ viewport: { width: 760, height: 560 } });
    await page.goto(link);
    const moment = page.getByTestId('moment');
    await expect.poll(() => moment.count(), { timeout: 10_000 }).toBe(1);
    expect(await moment.textContent()).toContain('de directie vindt');
    expect(await moment.textContent()).toContain('Niet gedeeld');
    expect(new URL(page.url()).hash).toBe(''); // the key left the address bar
    await expect.poll(() => page.getByTestId('sync-state').textContent(), { timeout: 10_000 }).toMatch(/Gesynchroniseerd/);
    const syncId = serverItemId(deviceId, findingSyncId(callId, findingId));
    expect((await f.pool.query('SELECT 1 FROM findings WHERE id = $1', [syncId])).rowCount).toBe(0);

    await page.getByRole('button', { name: 'Delen' }).click();
    await expect.poll(() => moment.textContent(), { timeout: 5_000 }).toContain('Gedeeld');
    await vi.waitFor(async () => expect((await f.pool.query('SELECT 1 FROM findings WHERE id = $1', [syncId])).rowCount).toBe(1), { timeout: 10_000, interval: 100 });
    await page.screenshot({ path: join(SCREENSHOTS, 'mine-shared.png') });

    await page.reload(); // the tab keeps its key without it being in the URL
    await expect.poll(() => moment.textContent(), { timeout: 10_000 }).toContain('Gedeeld');
    await page.getByRole('button', { name: 'Niet meer delen' }).click();
    await expect.poll(() => moment.textContent(), { timeout: 5_000 }).toContain('Niet gedeeld');
    await vi.waitFor(async () => expect((await f.pool.query('SELECT 1 FROM findings WHERE id = $1', [syncId])).rowCount).toBe(0), { timeout: 10_000, interval: 100 });
    await page.close();
  });

  it('without the key in the link the page says how to open it', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/mine.html`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 5_000 }).toContain('klachtcoach serve');
    await page.close();
  });
});
