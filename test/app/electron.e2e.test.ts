// End-to-end through Playwright's `_electron`: the app starts, the overlay shows (on top, not
// focused), a call starts capture and pause stops it (the capture window and its audio graph are
// gone). Needs Electron's binary; where it is not installed (this project's CI machines cannot
// download it) the tests skip and say why.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState, CoachWindow } from '../../main/contracts/ipc.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function electronBinary(): { path: string } | { why: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { why: `the electron package points at ${String(path)}, which does not exist` };
  } catch (error) {
    return { why: `require('electron') throws: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const electron = electronBinary();
const skipReason = 'why' in electron
  ? electron.why
  : process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY
    ? 'no display (run under xvfb-run to test the app on Linux)'
    : null;
if (skipReason !== null) console.log(`skipped: Electron end-to-end tests: ${skipReason}`);

describe.skipIf(skipReason !== null)('desktop app end to end', () => {
  let app: ElectronApplication;
  let overlay: Page;

  const urls = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()));
  // The page's CSP forbids eval, so each action is its own evaluate() through the real bridge.
  type Action = { type: 'start' } | { type: 'pause'; paused: boolean } | { type: 'end' };
  const coach = (action: Action): Promise<AppState> =>
    overlay.evaluate((a: Action) => {
      const bridge = (window as unknown as CoachWindow).coach!;
      if (a.type === 'start') return bridge.startCall({ loopback: false });
      if (a.type === 'pause') return bridge.setPaused(a.paused);
      return bridge.endCall();
    }, action);

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/app/main.js')) || !existsSync(join(ROOT, 'dist/renderer/overlay.html'))) {
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    }
    const userData = mkdtempSync(join(tmpdir(), 'kc-e2e-'));
    mkdirSync(userData, { recursive: true });
    // Past the first run, so the app opens the overlay.
    writeFileSync(join(userData, 'klachtcoach-app.json'), JSON.stringify({ version: 1, overlayBounds: null, micDeviceId: null, clickThrough: false, firstRunDone: true }));
    app = await _electron.launch({
      executablePath: (electron as { path: string }).path,
      args: ['.', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
      cwd: ROOT,
      env: { ...process.env, KLACHTCOACH_USER_DATA: userData },
      timeout: 60_000,
    });
    overlay = await app.waitForEvent('window', { predicate: (p) => p.url().includes('/overlay.html'), timeout: 60_000 });
    await overlay.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the overlay always on top, without taking focus, from the engine server', async () => {
    const info = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().includes('/overlay.html'))!;
      return { onTop: win.isAlwaysOnTop(), visible: win.isVisible(), focused: win.isFocused(), url: win.webContents.getURL() };
    });
    expect(info).toMatchObject({ onTop: true, visible: true, focused: false });
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/overlay\.html/);
  });

  it('exposes only window.coach to the page: no require, no process, no ipcRenderer', async () => {
    const globals = await overlay.evaluate(() => ({
      coach: typeof (window as unknown as CoachWindow).coach,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({ coach: 'object', require: 'undefined', process: 'undefined', ipc: 'undefined' });
  });

  it('starting a call starts capture; pause stops it (the capture window is gone)', async () => {
    const started = await coach({ type: 'start' });
    expect(started.capturing).toBe(true);
    await expect.poll(async () => (await urls()).some((u) => u.includes('/capture.html')), { timeout: 10_000 }).toBe(true);

    const paused = await coach({ type: 'pause', paused: true });
    expect(paused).toMatchObject({ call: 'active', paused: true, capturing: false });
    await expect.poll(async () => (await urls()).some((u) => u.includes('/capture.html')), { timeout: 10_000 }).toBe(false);

    const resumed = await coach({ type: 'pause', paused: false });
    expect(resumed.capturing).toBe(true);
    await coach({ type: 'end' });
    await expect.poll(async () => (await urls()).some((u) => u.includes('/capture.html')), { timeout: 10_000 }).toBe(false);
  });

  it('refuses navigation away from the app and new windows', async () => {
    const before = (await urls()).length;
    await overlay.evaluate(() => {
      window.open('https://example.com/');
      location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(overlay.url()).toMatch(/\/overlay\.html/);
    expect((await urls()).length).toBe(before);
  });
});
