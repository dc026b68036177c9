// The desktop app replaces the engine server's CSP with its own, stricter one (no inline styles,
// no wasm eval, no blob: workers). Every view the app opens must still work under it: each built
// page loads in Chromium with the app's headers without a single CSP violation or page error,
// and the capture page starts its AudioWorklet. Uses the built views in dist/renderer.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, launchChromium, serveWithAppHeaders, type PageServer } from './page-harness.ts';

const DIST = resolve(import.meta.dirname, '../../dist/renderer');
const PAGES = ['overlay.html?scripted', 'capture.html', 'firstrun.html', 'review.html'];
const missing = PAGES.filter((p) => !existsSync(resolve(DIST, p.split('?')[0]!)));
const skip = chromiumMissing ? 'no Chromium at /usr/bin/chromium' : missing.length > 0 ? `not built: ${missing.join(', ')} (npm run build)` : null;
if (skip) console.log(`skipped: pages under the app CSP: ${skip}`);

describe.skipIf(skip !== null)('app pages under the desktop app CSP', () => {
  let browser: Browser;
  let server: PageServer;

  beforeAll(async () => {
    server = await serveWithAppHeaders(DIST);
    browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(PAGES)('%s loads without CSP violations or page errors', async (page) => {
    const context = await browser.newContext();
    await context.grantPermissions(['microphone'], { origin: server.origin });
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(`${server.origin}/${page}`);
    await tab.locator('#root *').first().waitFor({ timeout: 15_000 });
    if (page === 'capture.html') {
      // Starting capture loads the AudioWorklet module: a script, so script-src applies.
      await tab.getByRole('button', { name: /^start$/i }).click();
      await tab.getByRole('button', { name: /^stop$/i }).waitFor({ timeout: 15_000 });
    }
    await tab.waitForTimeout(500);
    expect(problems).toEqual([]);
    await context.close();
  });
});
