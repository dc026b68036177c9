// The overlay's state: the current tip plus the live facts (capture, who is talking, talk share),
// and, inside the desktop app, the app's own state (call, pause) from the preload bridge.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppState, CoachBridge } from '../../../main/contracts/ipc.ts';
import type { DeviceInfo, LiveState, SessionClient, SessionStatus, Tip } from '../../session-client/types.ts';
import type { Lang } from '../i18n/strings.ts';

export interface OverlayState {
  lang: Lang;
  status: SessionStatus;
  current: Tip | null;
  live: LiveState | null;
  /** performance.now() when `live` arrived: the call clock counts on from there. */
  liveReceivedAtMs: number;
  /** The desktop app's state; null in a plain browser (no `window.coach`). */
  app: AppState | null;
  /** Paired devices and pairing requests waiting for the agent's answer. */
  devices: DeviceInfo[];
}

export type OverlayStore = StoreApi<OverlayState>;

export type CaptureShown = LiveState['capture'];

export function createOverlayStore(lang: Lang): OverlayStore {
  return createStore<OverlayState>()(() => ({ lang, status: 'idle', current: null, live: null, liveReceivedAtMs: 0, app: null, devices: [] }));
}

export function connectOverlayStore(store: OverlayStore, client: SessionClient): () => void {
  const offs = [
    client.on('status', (c) => store.setState({ status: c.status })),
    client.on('tip', (tip) => store.setState((s) => (s.current && tip.atMs < s.current.atMs ? s : { current: tip }))),
    client.on('tip:cleared', ({ tipId }) => store.setState((s) => (s.current?.id === tipId ? { current: null } : s))),
    client.on('live', (live) => store.setState({ live, liveReceivedAtMs: performance.now() })),
    client.on('call:start', () => store.setState({ current: null })),
    client.on('call:end', () => store.setState({ current: null })),
    client.on('devices', (devices) => store.setState({ devices })),
  ];
  store.setState({ status: client.status });
  return () => offs.forEach((off) => off());
}

/**
 * What the capture light shows. Inside the app, the app decides whether audio is captured at
 * all (the hidden capture window exists only while capturing), so its state wins: a pause from
 * the tray or the shortcut shows here at once. In a plain browser, the session server's word.
 */
export function captureShown(s: Pick<OverlayState, 'app' | 'live'>): CaptureShown {
  if (s.app) return s.app.call === 'idle' ? 'off' : s.app.paused ? 'paused' : 'on';
  return s.live?.capture ?? 'off';
}

/**
 * Follows the app's state (pause from the overlay, the tray or the global shortcut all end up
 * here) and passes a pause on to the session server, so the engine marks the paused stretch and
 * a paired tablet shows it too. Acts only on app state events, so a pause the server reports on
 * its own is never bounced back.
 */
export function connectAppBridge(store: OverlayStore, client: SessionClient, coach: CoachBridge): () => void {
  const apply = (app: AppState): void => {
    store.setState({ app });
    const server = store.getState().live?.capture;
    if (app.call !== 'active' || (server !== 'on' && server !== 'paused')) return;
    const wanted = app.paused ? 'paused' : 'on';
    if (server !== wanted) client.setCapture(wanted);
  };
  const off = coach.onStateChanged(apply);
  coach.getState().then(apply, (err: unknown) => console.error(`klachtcoach: app state unavailable: ${String(err)}`));
  return off;
}

/** The tip's moment has passed (the view's own clock): off the screen. */
export function tipFaded(store: OverlayStore, tipId: string): void {
  store.setState((s) => (s.current?.id === tipId ? { current: null } : s));
}

export function acknowledge(store: OverlayStore, client: SessionClient, tipId: string): void {
  store.setState((s) => (s.current?.id === tipId ? { current: null } : s));
  client.ack(tipId);
}

/**
 * The pause button. Inside the app it asks the app to pause (which closes the capture window, so
 * capture really stops, and moves the tray and shortcut along); the server follows through
 * connectAppBridge. In a plain browser it asks the server; the indicator changes when the server
 * confirms it.
 */
export function toggleCapture(store: OverlayStore, client: SessionClient, coach?: CoachBridge): void {
  const paused = captureShown(store.getState()) === 'paused';
  if (coach) {
    coach.setPaused(!paused).then(
      (app) => store.setState({ app }),
      (err: unknown) => console.error(`klachtcoach: pause refused by the app: ${String(err)}`),
    );
    return;
  }
  client.setCapture(paused ? 'on' : 'paused');
}

/** The oldest pairing request still waiting for the agent (a tablet or phone; desktop pages need none). */
export function pendingRequest(s: Pick<OverlayState, 'devices'>): DeviceInfo | null {
  return s.devices.find((d) => d.status === 'pending' && d.role === 'viewer') ?? null;
}
