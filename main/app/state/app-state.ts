// The desktop app's state as a pure reducer. The tray, the overlay buttons, the global pause
// shortcut and IPC all dispatch actions here; main.ts reacts to the new state (creating or
// destroying the capture window, updating the tray) and broadcasts it to the pages.
//
// `capturing` is derived, never set: capture runs exactly when a call is active and not paused.
// The customer-audio opt-in is per call: ending a call clears it, a new call asks again.
import type { AppState } from '../../contracts/ipc.ts';

export type AppAction =
  | { type: 'start-call'; loopback: boolean }
  | { type: 'end-call' }
  | { type: 'set-paused'; paused: boolean }
  | { type: 'toggle-pause' }
  | { type: 'choose-mic'; deviceId: string | null }
  | { type: 'set-click-through'; enabled: boolean }
  | { type: 'set-headset-hint'; show: boolean }
  | { type: 'complete-first-run' };

/** What is kept between runs (see settings/settings-store.ts). */
export interface PersistedPreferences {
  micDeviceId: string | null;
  clickThrough: boolean;
  firstRunDone: boolean;
}

export function initialState(prefs: PersistedPreferences): AppState {
  return derive({
    call: 'idle',
    paused: false,
    capturing: false,
    loopbackThisCall: false,
    micDeviceId: prefs.micDeviceId,
    clickThrough: prefs.clickThrough,
    headsetHint: false,
    firstRunDone: prefs.firstRunDone,
  });
}

function derive(state: AppState): AppState {
  const capturing = state.call === 'active' && !state.paused;
  return state.capturing === capturing ? state : { ...state, capturing };
}

export function reduce(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'start-call':
      // Starting a call is an explicit "capture now": it also lifts a pause left from before.
      if (state.call === 'active') return state;
      return derive({ ...state, call: 'active', paused: false, loopbackThisCall: action.loopback, headsetHint: false });
    case 'end-call':
      if (state.call === 'idle') return state;
      return derive({ ...state, call: 'idle', paused: false, loopbackThisCall: false, headsetHint: false });
    case 'set-paused':
      return state.paused === action.paused ? state : derive({ ...state, paused: action.paused });
    case 'toggle-pause':
      return derive({ ...state, paused: !state.paused });
    case 'choose-mic':
      return state.micDeviceId === action.deviceId ? state : { ...state, micDeviceId: action.deviceId };
    case 'set-click-through':
      return state.clickThrough === action.enabled ? state : { ...state, clickThrough: action.enabled };
    case 'set-headset-hint':
      // The hint is about the live call; outside one there is nothing to hint about.
      if (state.call !== 'active' && action.show) return state;
      return state.headsetHint === action.show ? state : { ...state, headsetHint: action.show };
    case 'complete-first-run':
      return state.firstRunDone ? state : { ...state, firstRunDone: true };
  }
}

export function preferencesOf(state: AppState): PersistedPreferences {
  return { micDeviceId: state.micDeviceId, clickThrough: state.clickThrough, firstRunDone: state.firstRunDone };
}
