// main.ts composed for real, with Electron replaced by a small fake (this machine has no Electron
// binary): the engine really starts (`klachtcoach serve` from its bundle, in a Node child
// process standing in for the utilityProcess), the overlay window loads the engine's desktop
// link, and IPC from the overlay starts a call (capture window opens with its start options) and
// pauses it (capture window destroyed). What cannot be faked honestly (real windows, real media)
// is left to electron.e2e.test.ts.
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { firstLanAddress } from '../../main/session/network.ts';
import { freshEngineBundle } from './engine-bundle.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const viewsBuilt = existsSync(join(ROOT, 'dist/renderer/overlay.html')) && existsSync(join(ROOT, 'dist/renderer/tablet.html'));
if (!viewsBuilt) console.log('skipped: main process test needs the built views (npm run build)');

const fake = vi.hoisted(() => {
  const userData = { dir: '' };
  const appEvents = new Map<string, ((...args: unknown[]) => void)[]>();
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const sessionHandlers: Record<string, unknown> = {};
  const windows: FakeWindow[] = [];
  const errors: string[] = [];
  /** Arguments of every utilityProcess the app started (the engine; a model download). */
  const forks: string[][] = [];
  /** Every context menu the tray was given, latest last. */
  const trayMenus: { label?: string; click?: () => void }[][] = [];
  /** Every message box the app showed (e.g. "Tablet koppelen"). */
  const messageBoxes: { title?: string; message?: string; detail?: string }[] = [];
  let nextId = 1;

  class FakeWindow {
    readonly options: Record<string, unknown>;
    readonly events = new Map<string, (() => void)[]>();
    url = '';
    destroyed = false;
    shown: 'no' | 'inactive' | 'focused' = 'no';
    ignoreMouse = false;
    readonly webContents: { id: number; sent: [string, unknown][]; getURL: () => string; send: (c: string, p: unknown) => void; reload: () => void };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      const id = nextId++;
      const sent: [string, unknown][] = [];
      this.webContents = { id, sent, getURL: () => this.url, send: (c, p) => sent.push([c, p]), reload: () => undefined };
      windows.push(this);
    }
    loadURL(url: string) { this.url = url; setTimeout(() => (this.events.get('ready-to-show') ?? []).forEach((f) => f()), 5); return Promise.resolve(); }
    on(event: string, fn: () => void) { this.events.set(event, [...(this.events.get(event) ?? []), fn]); return this; }
    once(event: string, fn: () => void) { return this.on(event, fn); }
    isDestroyed() { return this.destroyed; }
    destroy() { if (this.destroyed) return; this.destroyed = true; (this.events.get('closed') ?? []).forEach((f) => f()); }
    showInactive() { this.shown = 'inactive'; }
    show() { this.shown = 'focused'; }
    focus() { this.shown = 'focused'; }
    setAlwaysOnTop() {}
    setVisibleOnAllWorkspaces() {}
    setIgnoreMouseEvents(ignore: boolean) { this.ignoreMouse = ignore; }
    getBounds() { return { x: 0, y: 0, width: 360, height: 180 }; }
  }
  return { userData, appEvents, handlers, listeners, sessionHandlers, windows, errors, forks, trayMenus, messageBoxes, FakeWindow };
});

vi.mock('electron', () => {
  const workArea = { x: 0, y: 0, width: 1920, height: 1040 };
  return {
    app: {
      whenReady: () => Promise.resolve(),
      requestSingleInstanceLock: () => true,
      getPath: () => fake.userData.dir,
      setPath: () => undefined,
      isPackaged: false,
      on: (event: string, fn: (...args: unknown[]) => void) => fake.appEvents.set(event, [...(fake.appEvents.get(event) ?? []), fn]),
      quit: () => undefined,
      exit: (code: number) => fake.errors.push(`app.exit(${code})`),
    },
    BrowserWindow: fake.FakeWindow,
    Tray: class {
      setImage() {}
      setToolTip() {}
      setContextMenu(menu: { label?: string; click?: () => void }[]) { fake.trayMenus.push(menu); }
      destroy() {}
    },
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromBitmap: () => ({}), createFromDataURL: () => ({}) },
    screen: { getPrimaryDisplay: () => ({ workArea }), getAllDisplays: () => [{ workArea }] },
    dialog: {
      showErrorBox: (title: string, text: string) => fake.errors.push(`${title}: ${text}`),
      showMessageBox: (box: { title?: string; message?: string; detail?: string }) => {
        fake.messageBoxes.push(box);
        return Promise.resolve({ response: 2 });
      },
    },
    globalShortcut: { register: () => true, unregisterAll: () => undefined },
    desktopCapturer: { getSources: () => Promise.resolve([]) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (f: unknown) => (fake.sessionHandlers.request = f),
        setPermissionCheckHandler: (f: unknown) => (fake.sessionHandlers.check = f),
        setDisplayMediaRequestHandler: (f: unknown) => (fake.sessionHandlers.display = f),
        webRequest: {
          onBeforeRequest: (f: unknown) => (fake.sessionHandlers.beforeRequest = f),
          onHeadersReceived: (f: unknown) => (fake.sessionHandlers.headers = f),
        },
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => fake.handlers.set(channel, fn),
      on: (channel: string, fn: (...args: unknown[]) => void) => fake.listeners.set(channel, fn),
    },
    // The utilityProcess stand-in: a Node child process runs the same host script.
    utilityProcess: {
      fork: (script: string, args: string[], options: { env: NodeJS.ProcessEnv }) => {
        fake.forks.push(args);
        // The IPC channel stands in for the utilityProcess's message port (postMessage).
        const child = spawn(process.execPath, [script, ...args], { env: options.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
        const proc = Object.assign(new EventEmitter(), {
          stdout: child.stdout, stderr: child.stderr, kill: () => child.kill('SIGTERM'), postMessage: (message: unknown) => child.send(message as object),
        });
        child.on('exit', (code) => proc.emit('exit', code ?? 1));
        return proc;
      },
    },
  };
});

type Win = InstanceType<typeof fake.FakeWindow>;
const live = (page: string): Win | undefined => fake.windows.find((w) => !w.destroyed && w.url.includes(`/${page}.html`));

function eventFrom(win: Win) {
  return { senderFrame: { url: win.url, parent: null }, sender: { id: win.webContents.id } };
}

async function invoke(channel: string, win: Win, payload?: unknown): Promise<Record<string, unknown>> {
  return (await fake.handlers.get(channel)!(eventFrom(win), payload)) as Record<string, unknown>;
}

describe.skipIf(!viewsBuilt)('main process (Electron faked, engine real)', () => {
  beforeAll(async () => {
    freshEngineBundle(); // what main.ts forks
    fake.userData.dir = mkdtempSync(join(tmpdir(), 'kc-main-'));
    writeFileSync(join(fake.userData.dir, 'klachtcoach-app.json'), JSON.stringify({ version: 1, overlayBounds: null, micDeviceId: 'mic-7', clickThrough: false, firstRunDone: true }));
    await import('../../main/app/main.ts');
    await vi.waitFor(() => expect(live('overlay') ?? fake.errors[0]).toBeInstanceOf(fake.FakeWindow), { timeout: 90_000, interval: 200 });
  });

  afterAll(() => {
    for (const fn of fake.appEvents.get('will-quit') ?? []) fn();
  });

  it('installs the security handlers before any window opens', () => {
    expect(Object.keys(fake.sessionHandlers).sort()).toEqual(['beforeRequest', 'check', 'display', 'headers', 'request']);
    expect(fake.appEvents.has('web-contents-created')).toBe(true);
  });

  it('opens the overlay with the engine\'s desktop link, on top, shown without focus', async () => {
    const overlay = live('overlay')!;
    expect(overlay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/overlay\.html#desktop=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(overlay.options).toMatchObject({ alwaysOnTop: true, frame: false, transparent: true, show: false });
    await vi.waitFor(() => expect(overlay.shown).toBe('inactive'));
    // The page really is served by the engine.
    const response = await fetch(overlay.url.split('#')[0]!);
    expect(response.status).toBe(200);
    // Its port is remembered for the next start, so the pages keep their origin (microphone ids).
    const saved = JSON.parse(readFileSync(join(fake.userData.dir, 'klachtcoach-app.json'), 'utf8')) as { enginePort: number; micDeviceId: string };
    expect(saved).toMatchObject({ enginePort: Number(new URL(overlay.url).port), micDeviceId: 'mic-7' });
  });

  it('a call from the overlay opens the hidden capture window with its start options; pause destroys it', async () => {
    const overlay = live('overlay')!;
    expect(await invoke('call:start', overlay, { loopback: true })).toMatchObject({ call: 'active', capturing: true, loopbackThisCall: true });
    const capture = live('capture')!;
    expect(capture).toBeDefined();
    const url = new URL(capture.url);
    expect(url.pathname).toBe('/capture.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({ autostart: '1', loopback: '1', mic: 'mic-7' });
    expect(url.hash).toMatch(/^#desktop=/);
    expect(capture.options).toMatchObject({ show: false, focusable: false });
    expect(capture.shown).toBe('no');

    // While capturing, the capture page may use the microphone...
    const ask = (url: string) => new Promise<boolean>((done) => {
      (fake.sessionHandlers.request as (...a: unknown[]) => void)({}, 'media', done, { requestingUrl: url, isMainFrame: true, mediaTypes: ['audio'] });
    });
    await expect(ask(capture.url)).resolves.toBe(true);

    expect(await invoke('capture:set-paused', overlay, { paused: true })).toMatchObject({ paused: true, capturing: false });
    expect(capture.destroyed).toBe(true);
    expect(live('capture')).toBeUndefined();
    // ...and while paused it may not, even if the page asks again.
    await expect(ask(capture.url)).resolves.toBe(false);
    // Every window with the bridge heard about it.
    expect(overlay.webContents.sent.at(-1)).toEqual(['state:changed', expect.objectContaining({ paused: true, capturing: false })]);

    await invoke('capture:set-paused', overlay, { paused: false });
    expect(live('capture')).toBeDefined();
    await invoke('call:end', overlay);
    expect(live('capture')).toBeUndefined();
  });

  it('the tray opens the review screens the engine itself serves under /review/: no second server, one store writer', async () => {
    const menu = fake.trayMenus.at(-1)!;
    menu.find((item) => item.label === 'Gesprekken terugkijken')!.click!();
    const review = fake.windows.find((w) => !w.destroyed && new URL(w.url || 'about:blank').pathname === '/review/');
    expect(review).toBeDefined();
    const overlay = live('overlay')!;
    expect(new URL(review!.url).origin).toBe(new URL(overlay.url).origin);
    // A plain page for supervisors: no bridge, no desktop credentials in its address.
    expect(review!.url).not.toContain('#desktop=');
    expect(review!.options).toMatchObject({ webPreferences: expect.not.objectContaining({ preload: expect.anything() }) as unknown });
    await vi.waitFor(() => expect(review!.shown).toBe('focused'));
    // The engine really answers it with the review screens' page.
    const response = await fetch(review!.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<div id="root">/);
    // Only the engine was ever started: no `klachtcoach review serve` beside it.
    expect(fake.forks.map((args) => args[0])).toEqual(['serve']);
    expect(fake.forks.some((args) => args.includes('review'))).toBe(false);
    review!.destroy();
  });

  it('keeps the engine off the network until the agent pairs a tablet, then shows a fresh code for the network it opened', async () => {
    const overlay = live('overlay')!;
    const port = new URL(overlay.url).port;
    const lan = firstLanAddress();
    const reachable = async (): Promise<boolean> => {
      try {
        return (await fetch(`http://${lan!.address}:${port}/tablet.html`)).status === 200;
      } catch {
        return false;
      }
    };
    expect(fake.forks[0]).toContain('--pair-on-request');
    if (lan) expect(await reachable()).toBe(false);
    await invoke('pairing:open', overlay);
    await vi.waitFor(() => expect(fake.messageBoxes.some((b) => b.title === 'Tablet koppelen')).toBe(true), { timeout: 10_000 });
    const box = fake.messageBoxes.find((b) => b.title === 'Tablet koppelen')!;
    if (lan) {
      expect(box.detail).toContain(`http://${lan.address}:${port}/tablet.html`);
      expect(box.detail).toMatch(/[0-9A-Z]{5}(-[0-9A-Z]{5}){4}/);
      expect(await reachable()).toBe(true);
    } else {
      console.log('this machine has no LAN address: only the dialog for "no network" is checked');
      expect(box.message).toMatch(/niet op een netwerk/);
    }
  });

  it('refuses IPC from a page that is not the window main opened for it', async () => {
    const overlay = live('overlay')!;
    const forged = { senderFrame: { url: overlay.url, parent: null }, sender: { id: 999 } };
    await expect(fake.handlers.get('call:start')!(forged, { loopback: false })).rejects.toThrow(/not a Klachtcoach window/);
    const elsewhere = { senderFrame: { url: 'https://evil.example/overlay.html', parent: null }, sender: { id: overlay.webContents.id } };
    await expect(fake.handlers.get('call:start')!(elsewhere, { loopback: false })).rejects.toThrow(/not one of the app's pages/);
    expect(live('capture')).toBeUndefined();
  });

  it('puts the app CSP on the engine\'s responses', () => {
    const overlay = live('overlay')!;
    let headers: Record<string, string[]> = {};
    (fake.sessionHandlers.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)(
      { url: overlay.url.split('#')[0], responseHeaders: { 'content-security-policy': ['default-src *'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers['Content-Security-Policy']![0]).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(headers['content-security-policy']).toBeUndefined();
  });
});
