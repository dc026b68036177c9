// Creates the app's windows from the pure option builders, registers each for the IPC sender
// check, and keeps the two live ones in step with the app state: the overlay (click-through,
// remembered place) and the capture window, which exists ONLY while capturing. Pausing closes
// the capture window, which ends every media track and the audio graph with it: pause stops
// capture, not just the display.
import { BrowserWindow, screen } from 'electron';
import type { AppState, EventChannel, EventPayload, WindowKind } from '../../contracts/ipc.ts';
import type { WindowRegistry } from '../ipc/sender.ts';
import { needsBridge } from '../security/web-preferences.ts';
import type { Rect } from '../settings/settings-store.ts';
import { placeOverlay } from './overlay-placement.ts';
import { pageUrl } from './pages.ts';
import { windowOptionsFor } from './window-options.ts';

export interface WindowManagerOptions {
  preloadPath: string;
  devTools: boolean;
  /** The loopback server a window's page comes from (the engine, for every window). */
  originFor: (kind: WindowKind) => string;
  registry: WindowRegistry;
  /** The page's desktop link (with its credentials), when the engine gave one. */
  desktopLink: (kind: WindowKind) => string | undefined;
  savedOverlayBounds: () => Rect | null;
  saveOverlayBounds: (bounds: Rect) => void;
}

export class WindowManager {
  readonly #opts: WindowManagerOptions;
  readonly #windows = new Map<WindowKind, BrowserWindow>();

  constructor(options: WindowManagerOptions) {
    this.#opts = options;
  }

  get(kind: WindowKind): BrowserWindow | undefined {
    const win = this.#windows.get(kind);
    return win && !win.isDestroyed() ? win : undefined;
  }

  /** Opens (or focuses) a window. The overlay is shown inactive; the capture window never. */
  open(kind: WindowKind, query: Record<string, string> = {}): BrowserWindow {
    const existing = this.get(kind);
    if (existing) {
      if (kind !== 'capture' && kind !== 'overlay') existing.focus();
      return existing;
    }
    const primary = screen.getPrimaryDisplay().workArea;
    const overlayBounds = placeOverlay(this.#opts.savedOverlayBounds(), screen.getAllDisplays().map((d) => d.workArea), primary);
    const win = new BrowserWindow(
      windowOptionsFor(kind, { preloadPath: this.#opts.preloadPath, devTools: this.#opts.devTools, overlayBounds }),
    );
    const id = win.webContents.id;
    this.#opts.registry.add(id, kind);
    this.#windows.set(kind, win);
    win.on('closed', () => {
      this.#opts.registry.remove(id);
      if (this.#windows.get(kind) === win) this.#windows.delete(kind);
    });
    if (kind === 'overlay') this.#setUpOverlay(win);
    else if (kind !== 'capture') win.once('ready-to-show', () => win.show());
    void win.loadURL(this.#urlFor(kind, query));
    return win;
  }

  /** The desktop link when there is one (the page then joins the session as the desktop), else the plain page. */
  #urlFor(kind: WindowKind, query: Record<string, string>): string {
    const link = this.#opts.desktopLink(kind);
    if (link === undefined) return pageUrl(kind, this.#opts.originFor(kind), query);
    const url = new URL(link);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  close(kind: WindowKind): void {
    this.get(kind)?.destroy();
  }

  /** Brings the app's windows in line with the state; called after every state change. */
  apply(state: AppState): void {
    const overlay = this.get('overlay');
    overlay?.setIgnoreMouseEvents(state.clickThrough, { forward: true });
    if (state.capturing) {
      // The capture page's start options: start without a click (the window is hidden), which
      // microphone, and whether to add the customer's audio through getDisplayMedia (loopback).
      const query: Record<string, string> = { autostart: '1', loopback: state.loopbackThisCall ? '1' : '0' };
      if (state.micDeviceId !== null) query.mic = state.micDeviceId;
      const capture = this.get('capture');
      // A different microphone or loopback choice means a new audio graph.
      if (capture && capture.webContents.getURL() !== this.#urlFor('capture', query)) capture.destroy();
      this.open('capture', query);
    } else {
      this.close('capture');
    }
  }

  /** Sends an event to every window that has the bridge. */
  broadcast<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const [kind, win] of this.#windows) {
      if (!win.isDestroyed() && needsBridge(kind)) win.webContents.send(channel, payload);
    }
  }

  /** After an engine restart every page must reload from the new server. */
  reloadAll(): void {
    for (const win of this.#windows.values()) if (!win.isDestroyed()) win.webContents.reload();
  }

  #setUpOverlay(win: BrowserWindow): void {
    // 'screen-saver' keeps it above a full-screen softphone on macOS and Windows.
    win.setAlwaysOnTop(true, 'screen-saver');
    win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    win.once('ready-to-show', () => win.showInactive());
    let timer: NodeJS.Timeout | undefined;
    const remember = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!win.isDestroyed()) this.#opts.saveOverlayBounds(win.getBounds());
      }, 400);
    };
    win.on('moved', remember);
    win.on('resized', remember);
  }
}
