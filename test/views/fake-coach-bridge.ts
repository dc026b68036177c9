// A stand-in for the desktop app's preload bridge (`window.coach`, main/contracts/ipc.ts
// CoachBridge) for browser tests of the app's pages. It behaves like main.ts does: setPaused
// updates the app state, answers with it and broadcasts it as state:changed. Tests read what the
// page asked for from `window.__coachCalls` and play the tray or the shortcut with
// `window.__setAppState(patch)`.
import type { AppState, LevelReport } from '../../main/contracts/ipc.ts';

export interface FakeCoachWindow {
  __coachCalls: string[];
  __levelReports: LevelReport[];
  __setAppState: (patch: Partial<AppState>) => void;
}

export const APP_STATE: AppState = {
  call: 'active', paused: false, capturing: true, loopbackThisCall: false, micDeviceId: null,
  clickThrough: false, headsetHint: false, firstRunDone: true,
};

/** Runs in the page before its scripts (page.addInitScript): it must not close over anything. */
export function installFakeCoach(initial: AppState): void {
  let state = initial;
  const listeners = new Set<(s: AppState) => void>();
  const w = window as unknown as FakeCoachWindow & { coach: unknown };
  w.__coachCalls = [];
  w.__levelReports = [];
  const change = (patch: Partial<AppState>): AppState => {
    state = { ...state, ...patch };
    state = { ...state, capturing: state.call === 'active' && !state.paused };
    for (const l of listeners) l(state);
    return state;
  };
  w.__setAppState = (patch) => {
    change(patch);
  };
  const unused = () => Promise.reject(new Error('not used by this page'));
  w.coach = {
    getState: () => {
      w.__coachCalls.push('getState');
      return Promise.resolve(state);
    },
    setPaused: (paused: boolean) => {
      w.__coachCalls.push(`setPaused:${paused}`);
      return Promise.resolve(change({ paused }));
    },
    reportLevels: (levels: LevelReport) => {
      w.__levelReports.push(levels);
    },
    onStateChanged: (listener: (s: AppState) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onModelProgress: () => () => undefined,
    startCall: unused, endCall: unused, chooseMicrophone: unused, setClickThrough: unused,
    completeFirstRun: unused, downloadModel: unused, openPairing: unused,
  };
}
