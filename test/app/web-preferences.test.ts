import { describe, expect, it } from 'vitest';
import { WindowKind } from '../../main/contracts/ipc.ts';
import { webPreferencesFor } from '../../main/app/security/web-preferences.ts';
import { windowOptionsFor } from '../../main/app/windows/window-options.ts';

const input = { preloadPath: '/app/dist/app/preload.cjs', devTools: false, overlayBounds: { x: 10, y: 20, width: 360, height: 180 } };

describe('webPreferences of every window', () => {
  it.each(WindowKind.options)('%s: isolated, sandboxed, no Node, web security on', (kind) => {
    const prefs = webPreferencesFor(kind, input);
    expect(prefs).toMatchObject({
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
      plugins: false,
      devTools: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    // The window options must carry exactly these preferences, not a weaker copy.
    expect(windowOptionsFor(kind, input).webPreferences).toEqual(prefs);
  });

  it('pins the full preferences, so any change is a reviewed change', () => {
    const all = Object.fromEntries(WindowKind.options.map((kind) => [kind, webPreferencesFor(kind, input)]));
    expect(all).toMatchInlineSnapshot(`
      {
        "capture": {
          "allowRunningInsecureContent": false,
          "autoplayPolicy": "no-user-gesture-required",
          "backgroundThrottling": false,
          "contextIsolation": true,
          "devTools": false,
          "enableWebSQL": false,
          "experimentalFeatures": false,
          "navigateOnDragDrop": false,
          "nodeIntegration": false,
          "nodeIntegrationInSubFrames": false,
          "nodeIntegrationInWorker": false,
          "plugins": false,
          "preload": "/app/dist/app/preload.cjs",
          "safeDialogs": true,
          "sandbox": true,
          "spellcheck": false,
          "webSecurity": true,
          "webviewTag": false,
        },
        "firstrun": {
          "allowRunningInsecureContent": false,
          "autoplayPolicy": "document-user-activation-required",
          "backgroundThrottling": true,
          "contextIsolation": true,
          "devTools": false,
          "enableWebSQL": false,
          "experimentalFeatures": false,
          "navigateOnDragDrop": false,
          "nodeIntegration": false,
          "nodeIntegrationInSubFrames": false,
          "nodeIntegrationInWorker": false,
          "plugins": false,
          "preload": "/app/dist/app/preload.cjs",
          "safeDialogs": true,
          "sandbox": true,
          "spellcheck": false,
          "webSecurity": true,
          "webviewTag": false,
        },
        "overlay": {
          "allowRunningInsecureContent": false,
          "autoplayPolicy": "document-user-activation-required",
          "backgroundThrottling": false,
          "contextIsolation": true,
          "devTools": false,
          "enableWebSQL": false,
          "experimentalFeatures": false,
          "navigateOnDragDrop": false,
          "nodeIntegration": false,
          "nodeIntegrationInSubFrames": false,
          "nodeIntegrationInWorker": false,
          "plugins": false,
          "preload": "/app/dist/app/preload.cjs",
          "safeDialogs": true,
          "sandbox": true,
          "spellcheck": false,
          "transparent": true,
          "webSecurity": true,
          "webviewTag": false,
        },
        "review": {
          "allowRunningInsecureContent": false,
          "autoplayPolicy": "document-user-activation-required",
          "backgroundThrottling": true,
          "contextIsolation": true,
          "devTools": false,
          "enableWebSQL": false,
          "experimentalFeatures": false,
          "navigateOnDragDrop": false,
          "nodeIntegration": false,
          "nodeIntegrationInSubFrames": false,
          "nodeIntegrationInWorker": false,
          "plugins": false,
          "safeDialogs": true,
          "sandbox": true,
          "spellcheck": false,
          "webSecurity": true,
          "webviewTag": false,
        },
      }
    `);
  });

  it('gives the bridge only to windows that use it: the review page gets no preload', () => {
    expect(webPreferencesFor('review', input).preload).toBeUndefined();
    expect(webPreferencesFor('overlay', input).preload).toBe(input.preloadPath);
  });

  it('opens DevTools only when asked (development builds)', () => {
    expect(webPreferencesFor('overlay', { ...input, devTools: true }).devTools).toBe(true);
  });
});

describe('window options', () => {
  it('overlay: frameless, transparent, always on top, off the taskbar, not shown until showInactive', () => {
    const o = windowOptionsFor('overlay', input);
    expect(o).toMatchObject({ frame: false, transparent: true, alwaysOnTop: true, skipTaskbar: true, show: false, x: 10, y: 20, width: 360, height: 180 });
  });

  it('capture: never shown, never focusable', () => {
    expect(windowOptionsFor('capture', input)).toMatchObject({ show: false, focusable: false, skipTaskbar: true });
  });

  it('no window is created visible (each is shown when ready, the overlay without focus)', () => {
    for (const kind of WindowKind.options) expect(windowOptionsFor(kind, input).show).toBe(false);
  });
});
