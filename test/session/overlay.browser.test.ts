// The overlay on the agent's own machine, opened from the desktop link `serve` prints: it
// authenticates as the desktop, shows the live state and the tip, and its pause button reaches
// the server (the capture indicator follows what the server says, not what was clicked).
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildPages, chromiumMissing, launchChromium } from '../views/browser-harness.ts';
import { screenshotDir } from '../support/look.ts';
import { SessionServer } from '../../main/session/server.ts';
import { sampleTip } from './helpers.ts';

const SHOTS = screenshotDir('session');

if (chromiumMissing) console.log('overlay browser test skipped: /usr/bin/chromium is not installed');

describe.skipIf(chromiumMissing)('overlay page with the desktop link', () => {
  let server: SessionServer;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    server = new SessionServer({ staticDir: await buildPages() });
    ({ origin } = await server.listen());
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('connects as the desktop, shows live state and tips, and pauses capture on the server', async () => {
    const page = await (await browser.newContext({ viewport: { width: 380, height: 220 } })).newPage();
    await page.goto(server.createDesktopLink(origin, 'overlay.html', 'Overlay'));
    await expect.poll(() => server.listDevices().some((d) => d.role === 'desktop' && d.connected)).toBe(true);
    expect(new URL(page.url()).hash).toBe('');

    server.startCall('overlay-call');
    server.setLiveState({ callId: 'overlay-call', callMs: 12_000, capture: 'on', speaking: { agent: false, customer: true }, agentTalkShare: 0.45 });
    server.showTip(sampleTip('ov-1', { behaviour: 'verschuilen', tip: "Neem het op je: 'Ik zoek uit wat ik wél voor u kan doen.'", severity: 'high' }));
    await page.locator('[data-tip-id="ov-1"]').waitFor();
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('on');
    await page.screenshot({ path: join(SHOTS, 'overlay-tip.png') });

    const paused = new Promise<string>((resolve) => { const off = server.on('capture:set', (c) => { off(); resolve(c.capture); }); });
    await page.getByTestId('pause').click();
    expect(await paused).toBe('paused');
    await expect.poll(() => page.getByTestId('capture-indicator').getAttribute('data-capture')).toBe('paused');
    expect(server.liveState.capture).toBe('paused');
  });

  it('refuses a WebSocket from a page of another origin in the same browser (cross-site hijacking)', async () => {
    // Another local web page (any site the agent has open would do) tries to talk to the session.
    const evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<script>const ws = new WebSocket('ws://127.0.0.1:${server.port}/ws'); ws.onclose = () => { document.title = 'closed'; };</script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    const evilPort = (evil.address() as AddressInfo).port;
    const refused = new Promise<string>((resolve) => { const off = server.on('refused', (r) => { off(); resolve(r.reason); }); });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://127.0.0.1:${evilPort}/`);
    expect(await refused).toBe(`upgrade: Origin "http://127.0.0.1:${evilPort}" is not a page of this server`);
    await expect.poll(() => page.title()).toBe('closed');
    await new Promise((r) => evil.close(r));
  });
});
