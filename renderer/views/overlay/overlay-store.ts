// The overlay's state: the current tip plus the live facts (capture, who is talking, talk share).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LiveState, SessionClient, SessionStatus, Tip } from '../../session-client/types.ts';
import type { Lang } from '../i18n/strings.ts';

export interface OverlayState {
  lang: Lang;
  status: SessionStatus;
  current: Tip | null;
  live: LiveState | null;
}

export type OverlayStore = StoreApi<OverlayState>;

export function createOverlayStore(lang: Lang): OverlayStore {
  return createStore<OverlayState>()(() => ({ lang, status: 'idle', current: null, live: null }));
}

export function connectOverlayStore(store: OverlayStore, client: SessionClient): () => void {
  const offs = [
    client.on('status', (c) => store.setState({ status: c.status })),
    client.on('tip', (tip) => store.setState((s) => (s.current && tip.atMs < s.current.atMs ? s : { current: tip }))),
    client.on('tip:cleared', ({ tipId }) => store.setState((s) => (s.current?.id === tipId ? { current: null } : s))),
    client.on('live', (live) => store.setState({ live })),
    client.on('call:start', () => store.setState({ current: null })),
    client.on('call:end', () => store.setState({ current: null })),
  ];
  store.setState({ status: client.status });
  return () => offs.forEach((off) => off());
}

export function acknowledge(store: OverlayStore, client: SessionClient, tipId: string): void {
  store.setState((s) => (s.current?.id === tipId ? { current: null } : s));
  client.ack(tipId);
}

/** Pause stops capture on the server; the indicator changes when the server confirms it. */
export function toggleCapture(store: OverlayStore, client: SessionClient): void {
  const capture = store.getState().live?.capture;
  client.setCapture(capture === 'on' ? 'paused' : 'on');
}
