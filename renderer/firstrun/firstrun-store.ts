// The first-run page's one vanilla zustand store. Actions are plain functions that call the
// desktop bridge (window.coach) when there is one; the components only read through selectors.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState, CoachBridge, ModelProgress } from './contracts.ts';

export type MicPermission = 'unknown' | 'asking' | 'granted' | 'denied' | 'error';

export interface MicDevice {
  deviceId: string;
  label: string;
}

export interface FirstRunState {
  mode: 'firstrun' | 'settings';
  /** False in a plain browser: no window.coach. */
  hasBridge: boolean;
  app: AppState | null;
  privacyRead: boolean;
  mic: { permission: MicPermission; error: string | null; devices: MicDevice[]; selected: string | null; level: number; testing: boolean };
  model: { selected: string; progress: ModelProgress | null };
  pairingOpened: boolean;
}

export type FirstRunStore = StoreApi<FirstRunState>;

export function createFirstRunStore(mode: FirstRunState['mode'], hasBridge: boolean): FirstRunStore {
  return createStore<FirstRunState>()(() => ({
    mode,
    hasBridge,
    app: null,
    // In settings mode the notice was read before; it stays visible for reference.
    privacyRead: mode === 'settings',
    mic: { permission: 'unknown', error: null, devices: [], selected: null, level: 0, testing: false },
    model: { selected: 'whisper-base', progress: null },
    pairingOpened: false,
  }));
}

/** Wires the bridge's events into the store; returns the unsubscribe. */
export function connectBridge(store: FirstRunStore, coach: CoachBridge | undefined): () => void {
  if (!coach) return () => undefined;
  void coach.getState().then((app) => store.setState((s) => ({ app, mic: { ...s.mic, selected: s.mic.selected ?? app.micDeviceId } })));
  const offState = coach.onStateChanged((app) => store.setState({ app }));
  const offProgress = coach.onModelProgress((progress) => {
    if (progress.model === store.getState().model.selected) store.setState((s) => ({ model: { ...s.model, progress } }));
  });
  return () => {
    offState();
    offProgress();
  };
}

export const actions = {
  readPrivacy(store: FirstRunStore): void {
    store.setState({ privacyRead: true });
  },
  chooseModel(store: FirstRunStore, name: string): void {
    store.setState((s) => ({ model: { selected: name, progress: s.model.selected === name ? s.model.progress : null } }));
  },
  async downloadModel(store: FirstRunStore, coach: CoachBridge | undefined): Promise<void> {
    if (!coach) return;
    const model = store.getState().model.selected;
    store.setState((s) => ({ model: { ...s.model, progress: { model, phase: 'starting', fraction: null } } }));
    try {
      await coach.downloadModel(model);
    } catch (error) {
      store.setState((s) => ({
        model: { ...s.model, progress: { model, phase: 'failed', fraction: null, message: error instanceof Error ? error.message : String(error) } },
      }));
    }
  },
  async chooseMicrophone(store: FirstRunStore, coach: CoachBridge | undefined, deviceId: string | null): Promise<void> {
    store.setState((s) => ({ mic: { ...s.mic, selected: deviceId } }));
    await coach?.chooseMicrophone(deviceId);
  },
  async openPairing(store: FirstRunStore, coach: CoachBridge | undefined): Promise<void> {
    if (!coach) return;
    await coach.openPairing();
    store.setState({ pairingOpened: true });
  },
  async finish(store: FirstRunStore, coach: CoachBridge | undefined): Promise<void> {
    if (!store.getState().privacyRead) return;
    const app = await coach?.completeFirstRun();
    if (app) store.setState({ app });
    // The main process opens the overlay; this window is no longer needed.
    if (coach) window.close();
  },
};
