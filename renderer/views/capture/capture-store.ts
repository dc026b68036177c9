// The capture page's state and its actions: device pickers, start/stop, and per-channel counters.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang } from '../i18n/strings.ts';
import type { AudioChannel } from '../shared/contracts.ts';

export interface InputDevice {
  deviceId: string;
  label: string;
}

export interface ChannelStats {
  framesSent: number;
  framesDropped: number;
  levelDb: number;
}

export interface CaptureState {
  lang: Lang;
  devices: InputDevice[];
  /** null = the system default microphone. */
  agentDeviceId: string | null;
  /** null = no customer channel (agent only). */
  customerDeviceId: string | null;
  phase: 'idle' | 'starting' | 'running' | 'paused';
  stats: Partial<Record<AudioChannel, ChannelStats>>;
  error: string | null;
}

export type CaptureStore = StoreApi<CaptureState>;

export function createCaptureStore(lang: Lang): CaptureStore {
  return createStore<CaptureState>()(() => ({
    lang, devices: [], agentDeviceId: null, customerDeviceId: null, phase: 'idle', stats: {}, error: null,
  }));
}

export function devicesFound(store: CaptureStore, devices: InputDevice[]): void {
  store.setState((s) => ({
    devices,
    // A picked device that disappeared (unplugged) falls back to the default / none.
    agentDeviceId: devices.some((d) => d.deviceId === s.agentDeviceId) ? s.agentDeviceId : null,
    customerDeviceId: devices.some((d) => d.deviceId === s.customerDeviceId) ? s.customerDeviceId : null,
  }));
}

export function statsArrived(store: CaptureStore, channel: AudioChannel, stats: ChannelStats): void {
  store.setState((s) => ({ stats: { ...s.stats, [channel]: stats } }));
}
