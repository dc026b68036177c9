// The BrowserWindow options of every window, as pure data (webPreferences come from
// security/web-preferences.ts). The overlay is small, frameless, transparent and always on
// top, kept off the taskbar, and shown with `showInactive()` so it never steals focus from the
// softphone. The capture window is never shown: it only holds the audio graph.
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowKind } from '../../contracts/ipc.ts';
import type { Rect } from '../settings/settings-store.ts';
import { webPreferencesFor, type WebPreferencesInput } from '../security/web-preferences.ts';

export interface WindowOptionsInput extends WebPreferencesInput {
  /** Where the overlay goes (overlay-placement.ts). */
  overlayBounds: Rect;
}

const TITLES: Record<WindowKind, string> = {
  overlay: 'Klachtcoach',
  capture: 'Klachtcoach opname',
  firstrun: 'Klachtcoach: welkom',
  review: 'Klachtcoach: gesprekken terugkijken',
};

export function windowOptionsFor(kind: WindowKind, input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    title: TITLES[kind],
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(kind, input),
  };
  switch (kind) {
    case 'overlay':
      return {
        ...common,
        ...input.overlayBounds,
        minWidth: 240,
        minHeight: 120,
        frame: false,
        transparent: true,
        backgroundColor: '#00000000',
        alwaysOnTop: true,
        skipTaskbar: true,
        resizable: true,
        maximizable: false,
        minimizable: false,
        fullscreenable: false,
        hasShadow: false,
      };
    case 'capture':
      return { ...common, width: 320, height: 200, skipTaskbar: true, focusable: false, paintWhenInitiallyHidden: false };
    case 'firstrun':
      return { ...common, width: 760, height: 820, minWidth: 520, minHeight: 560 };
    case 'review':
      return { ...common, width: 1200, height: 820 };
  }
}
