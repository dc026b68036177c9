// The Electron main process (bundled to dist/app/main.js, package.json "main").
//
// Electron adds only windows, tray, permissions and audio capture; the engine itself runs as the
// headless `klachtcoach serve` in a utilityProcess (engine/), and the app's pages are the views
// that server serves. This file composes the parts and holds the one piece of mutable state, the
// AppState (state/app-state.ts); every decision lives in a pure module with its own tests.
import { app, dialog, globalShortcut, session, shell } from 'electron';
import { join } from 'node:path';
import type { AppState } from '../contracts/ipc.ts';
import { projectPath } from '../project-root.ts';
import { HeadsetHintDetector } from './capture/headset-hint.ts';
import { ServerProcess } from './engine/engine-process.ts';
import { preferredLoopbackPort } from './engine/free-port.ts';
import { ModelDownloads } from './engine/model-download.ts';
import { installIpc } from './ipc/install.ts';
import { WindowRegistry } from './ipc/sender.ts';
import { secureAllWebContents, secureSession } from './security/install.ts';
import { loadSettings, saveSettings, type AppSettings } from './settings/settings-store.ts';
import { initialState, preferencesOf, reduce, type AppAction } from './state/app-state.ts';
import { showPairingDialog } from './tray/pairing-dialog.ts';
import { AppTray } from './tray/tray.ts';
import { LOOPBACK_OPT_IN, PAUSE_SHORTCUT, loopbackAnswer, type TrayItemId } from './tray/tray-menu.ts';
import { PRACTICE_PAGE, practiceArgs } from './tray/practice-launch.ts';
import { WindowManager } from './windows/window-manager.ts';

const log = (line: string): void => console.log(`[app] ${line}`);

// End-to-end tests run the app against a throwaway profile (set before anything reads it).
if (process.env.KLACHTCOACH_USER_DATA) app.setPath('userData', process.env.KLACHTCOACH_USER_DATA);

// One Klachtcoach per desktop: a second start only brings the first one forward.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const settingsFile = join(dataDir, 'klachtcoach-app.json');
  const loaded = loadSettings(settingsFile);
  if (loaded.warning) log(loaded.warning);
  let settings: AppSettings = loaded.settings;
  let state: AppState = initialState(settings);

  const persist = (patch: Partial<AppSettings>): void => {
    settings = { ...settings, ...patch };
    try {
      saveSettings(settingsFile, settings);
    } catch (error) {
      log(`could not save ${settingsFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const here = import.meta.dirname;
  // The engine runs from its esbuild bundle, like bin/klachtcoach: plain JavaScript inside the
  // asar, nothing compiled at run time (scripts/build-engine.mjs).
  const hostScript = projectPath('dist', 'engine', 'klachtcoach.mjs');
  // The same port as last time when it is free: the pages' origin (and with it the microphone ids
  // the first-run page saved, and the pages' localStorage) then stays the same between runs.
  const enginePort = await preferredLoopbackPort(settings.enginePort);
  if (enginePort !== settings.enginePort) persist({ enginePort });
  const engine = new ServerProcess({
    name: 'engine',
    hostScript,
    // The engine listens on this machine only, and opens the LAN address just while a pairing code
    // is valid or a tablet is paired; codes are made when the agent asks ("Tablet koppelen").
    args: ['serve', '--port', String(enginePort), '--pair-on-request'],
    port: enginePort,
    readyPath: '/overlay.html',
    needsOverlayLink: true,
    dataDir,
    onRestarted: () => windows.reloadAll(),
    onGaveUp: (reason) => {
      dispatch({ type: 'end-call' });
      dialog.showErrorBox('Klachtcoach is gestopt', `De coach start niet meer: ${reason}. Start Klachtcoach opnieuw.`);
    },
  });
  // The review screens are served by the engine itself under /review/ (`klachtcoach serve` mounts
  // them next to the live session), so the call store has exactly one writer and the review
  // window needs no second server. The only origin the app's pages ever come from is the engine's.
  const appOrigins = (): string[] => [engine.origin];

  const registry = new WindowRegistry();
  const windows = new WindowManager({
    preloadPath: join(here, 'preload.cjs'),
    devTools: !app.isPackaged,
    originFor: () => engine.origin,
    registry,
    desktopLink: (kind) => (kind === 'overlay' || kind === 'capture' ? engine.output.desktopLinks[kind] : undefined),
    savedOverlayBounds: () => settings.overlayBounds,
    saveOverlayBounds: (bounds) => persist({ overlayBounds: bounds }),
  });

  // Security first: nothing loads before the handlers are in place.
  secureAllWebContents(appOrigins, log);
  secureSession(
    session.defaultSession,
    () => ({ appOrigin: engine.origin, capturing: state.capturing, loopbackThisCall: state.loopbackThisCall }),
    appOrigins,
    log,
  );

  const headsetHint = new HeadsetHintDetector();
  let tray: AppTray | null = null;

  function dispatch(action: AppAction): AppState {
    const next = reduce(state, action);
    if (next === state) return state;
    const before = state;
    state = next;
    if (!next.capturing) headsetHint.reset();
    const prefs = preferencesOf(next);
    if (JSON.stringify(prefs) !== JSON.stringify(preferencesOf(before))) persist(prefs);
    windows.apply(next);
    tray?.update(next);
    windows.broadcast('state:changed', next);
    if (before.capturing !== next.capturing) log(next.capturing ? 'capture started' : 'capture stopped');
    return next;
  }

  async function startCallAsking(): Promise<void> {
    const { response } = await dialog.showMessageBox({
      type: 'question',
      title: LOOPBACK_OPT_IN.title,
      message: LOOPBACK_OPT_IN.message,
      detail: LOOPBACK_OPT_IN.detail,
      buttons: [...LOOPBACK_OPT_IN.buttons],
      defaultId: 1,
      cancelId: 2,
      noLink: true,
    });
    const answer = loopbackAnswer(response);
    if (answer !== 'cancel') dispatch({ type: 'start-call', loopback: answer === 'with-customer' });
  }

  /** A fresh code from the engine (which opens the network while it is valid), in the dialog. */
  async function openPairing(): Promise<void> {
    await showPairingDialog(await engine.requestPairing());
  }

  const downloads = new ModelDownloads(hostScript, dataDir, () => settings.models.mirror, (progress) => windows.broadcast('models:progress', progress));

  installIpc(
    {
      'app:get-state': () => state,
      'call:start': ({ loopback }) => dispatch({ type: 'start-call', loopback }),
      'call:end': () => dispatch({ type: 'end-call' }),
      'capture:set-paused': ({ paused }) => dispatch({ type: 'set-paused', paused }),
      'capture:choose-mic': ({ deviceId }) => dispatch({ type: 'choose-mic', deviceId }),
      'overlay:set-click-through': ({ enabled }) => dispatch({ type: 'set-click-through', enabled }),
      'firstrun:complete': () => {
        const next = dispatch({ type: 'complete-first-run' });
        windows.open('overlay');
        return next;
      },
      'models:download': ({ model }) => {
        downloads.start(model);
        return { ok: true };
      },
      'pairing:open': () => {
        void openPairing();
        return { ok: true };
      },
    },
    {
      'capture:levels': ({ agentRms, customerRms }) => {
        if (!state.capturing || !state.loopbackThisCall) return;
        dispatch({ type: 'set-headset-hint', show: headsetHint.push(agentRms, customerRms) });
      },
    },
    { appOrigin: () => engine.origin, registry },
    log,
  );

  // Oefenen runs as its own `klachtcoach practice` server, started the first time it is asked
  // for, and opens in the agent's browser: the browser has the Dutch speech voices and its own
  // microphone permission, and a practice round never shares the live call's pages or socket.
  let practice: ServerProcess | null = null;
  const openPractice = async (): Promise<void> => {
    try {
      if (!practice?.running) {
        const port = await preferredLoopbackPort(null);
        practice = new ServerProcess({
          name: 'practice', hostScript, args: practiceArgs(port), port, readyPath: PRACTICE_PAGE, needsOverlayLink: false, dataDir,
          onRestarted: () => undefined,
          onGaveUp: (reason) => dialog.showErrorBox('Oefenen is gestopt', `Oefenen start niet meer: ${reason}.`),
        });
        await practice.start();
      }
      await shell.openExternal(`${practice.origin}${PRACTICE_PAGE}`);
    } catch (error) {
      dialog.showErrorBox('Oefenen start niet', error instanceof Error ? error.message : String(error));
    }
  };

  const onTray = (id: TrayItemId): void => {
    switch (id) {
      case 'status':
      case 'headset-hint':
        return;
      case 'start-call':
        dispatch({ type: 'start-call', loopback: false });
        return;
      case 'start-call-with-customer':
        void startCallAsking();
        return;
      case 'end-call':
        dispatch({ type: 'end-call' });
        return;
      case 'pause':
        dispatch({ type: 'toggle-pause' });
        return;
      case 'click-through':
        dispatch({ type: 'set-click-through', enabled: !state.clickThrough });
        return;
      case 'pair-tablet':
        void openPairing();
        return;
      case 'practice':
        void openPractice();
        return;
      case 'review':
        windows.open('review');
        return;
      case 'settings':
        windows.open('firstrun', { mode: 'settings' });
        return;
      case 'quit':
        app.quit();
        return;
    }
  };

  app.on('second-instance', () => {
    const win = windows.get('overlay') ?? windows.get('firstrun');
    if (win) win.showInactive();
    else windows.open(state.firstRunDone ? 'overlay' : 'firstrun');
  });
  // The app lives in the tray: closing every window does not quit it.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    engine.stop();
    practice?.stop();
  });

  try {
    await engine.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Klachtcoach start niet', `De coach kon niet starten: ${reason}`);
    app.exit(1);
    return;
  }
  log(`engine ready at ${engine.origin}`);

  tray = new AppTray(state, onTray);
  if (!globalShortcut.register(PAUSE_SHORTCUT, () => {
    if (state.call === 'active') dispatch({ type: 'toggle-pause' });
  })) {
    log(`the pause shortcut ${PAUSE_SHORTCUT} is taken by another program; pause from the tray or the overlay`);
  }
  windows.open(state.firstRunDone ? 'overlay' : 'firstrun');
}
