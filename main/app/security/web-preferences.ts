// The webPreferences of every window, as one pure function so a test can pin every flag.
//
// Follows the Electron security checklist (research/security.md §1): context isolation, the
// process sandbox, no Node in renderers, workers or sub-frames, web security on, no insecure
// content, no experimental or Blink features, no <webview>. Only windows that need the
// `window.coach` bridge get the preload; the review page is a plain web page with its own
// sign-in and gets none (least privilege).
import type { WebPreferences } from 'electron';
import type { WindowKind } from '../../contracts/ipc.ts';

export interface WebPreferencesInput {
  /** Absolute path of the bundled preload (dist/app/preload.cjs). */
  preloadPath: string;
  /** DevTools only in development builds. */
  devTools: boolean;
}

const NEEDS_BRIDGE: Readonly<Record<WindowKind, boolean>> = {
  overlay: true,
  capture: true,
  firstrun: true,
  review: false,
};

export function webPreferencesFor(kind: WindowKind, input: WebPreferencesInput): WebPreferences {
  const prefs: WebPreferences = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    enableWebSQL: false,
    plugins: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: input.devTools,
    // A hidden capture window and a background overlay must keep their timers and audio
    // running; everything else may be throttled like a normal browser tab.
    backgroundThrottling: !(kind === 'capture' || kind === 'overlay'),
    // Capture pages start without a click in a hidden window.
    autoplayPolicy: kind === 'capture' ? 'no-user-gesture-required' : 'document-user-activation-required',
  };
  if (NEEDS_BRIDGE[kind]) prefs.preload = input.preloadPath;
  if (kind === 'overlay') prefs.transparent = true;
  return prefs;
}

export function needsBridge(kind: WindowKind): boolean {
  return NEEDS_BRIDGE[kind];
}
