// Mijn momenten as the browser tests open it: the built page behind the session server with the
// desktop-only API on a given store, the desktop link `serve` would print for it, and Chromium.
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { buildPage, launchChromium } from '../app/page-harness.ts';
import { SessionServer } from '../../main/session/server.ts';
import type { CallStore } from '../../main/store/open-store.ts';
import type { DesktopSync } from '../../main/sync/desktop-sync.ts';
import { createMineHandler, MINE_API_PATH } from '../../main/sync/mine-api.ts';

export interface MinePage {
  server: SessionServer;
  origin: string;
  /** The page with the desktop key in its fragment. */
  link: string;
  browser: Browser;
  /** Closes the browser and the server; the store and its sync stay the caller's. */
  close(): Promise<void>;
}

export async function serveMinePage(store: CallStore, sync: DesktopSync): Promise<MinePage> {
  const outDir = await buildPage('mine');
  const server = new SessionServer({ staticDir: outDir, port: 0, desktopApi: { basePath: MINE_API_PATH, handler: createMineHandler(store, sync) } });
  const { origin } = await server.listen();
  const browser = await launchChromium();
  return {
    server,
    origin,
    link: server.createDesktopLink(origin, 'mine.html', 'Mijn momenten'),
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
