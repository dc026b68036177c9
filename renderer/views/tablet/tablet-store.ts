// The tablet/phone view's state: one vanilla zustand store, changed only by the actions below.
// The session client's listeners call those actions directly (no React involved), components
// read through narrow selectors.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallSummary, LiveState, PairingProblem, SessionClient, SessionStatus, StatusChange, Tip, TipClearedBy } from '../../session-client/types.ts';
import type { Lang } from '../i18n/strings.ts';
import type { ReceivedLive } from '../shared/call-clock.ts';

export const HISTORY_LENGTH = 5;

export interface HistoryEntry {
  tip: Tip;
  /** Still on screen or left without a word ('shown'), or how it left. */
  outcome: 'shown' | TipClearedBy;
}

export interface TabletState {
  lang: Lang;
  status: SessionStatus;
  statusDetail: string | null;
  /** The one tip on screen. */
  current: Tip | null;
  /** Earlier tips of this call, newest first (never transcripts: a Tip carries no words said). */
  history: HistoryEntry[];
  /** Shown after the call until the next one starts. */
  summary: CallSummary | null;
  /** The call's state and clock, as last heard from the server. */
  live: ReceivedLive | null;
  /** What was typed in the pairing form: kept when a code is refused, so a typo can be mended. */
  pairCode: string;
  /** The six digits to compare with the desktop while it waits for the agent's answer. */
  confirmCode: string | null;
  /** Why the last pairing attempt did not work. */
  pairProblem: PairingProblem | null;
}

export type TabletStore = StoreApi<TabletState>;

export function createTabletStore(lang: Lang): TabletStore {
  return createStore<TabletState>()(() => ({
    lang, status: 'idle', statusDetail: null, current: null, history: [], summary: null, live: null, pairCode: '', confirmCode: null, pairProblem: null,
  }));
}

export function tipArrived(store: TabletStore, tip: Tip): void {
  store.setState((s) => {
    const known = s.current?.id === tip.id || s.history.some((h) => h.tip.id === tip.id);
    if (known) return s;
    // Tips replayed after a reconnect can be older than the one on screen: they go to history.
    if (s.current && tip.atMs < s.current.atMs) {
      return { history: addToHistory(s.history, { tip, outcome: 'shown' }) };
    }
    const history = s.current ? addToHistory(s.history, { tip: s.current, outcome: 'shown' }) : s.history;
    return { current: tip, history, summary: null };
  });
}

export function tipCleared(store: TabletStore, tipId: string, by: TipClearedBy): void {
  store.setState((s) => {
    if (s.current?.id === tipId) {
      return { current: null, history: addToHistory(s.history, { tip: s.current, outcome: by }) };
    }
    return { history: s.history.map((h) => (h.tip.id === tipId ? { ...h, outcome: by } : h)) };
  });
}

/** The tip's moment has passed (the view's own clock): off the screen, into the history. */
export function tipFaded(store: TabletStore, tipId: string): void {
  store.setState((s) => (s.current?.id === tipId ? { current: null, history: addToHistory(s.history, { tip: s.current, outcome: 'expired' }) } : s));
}

export function liveChanged(store: TabletStore, live: LiveState, receivedAtMs: number): void {
  store.setState({ live: { live, receivedAtMs } });
}

export function callStarted(store: TabletStore): void {
  store.setState({ current: null, history: [], summary: null });
}

export function callEnded(store: TabletStore, summary: CallSummary): void {
  store.setState((s) => ({
    current: null,
    history: s.current ? addToHistory(s.history, { tip: s.current, outcome: 'shown' }) : s.history,
    summary,
  }));
}

export function statusChanged(store: TabletStore, status: SessionStatus, detail: string | null, pairing: Pick<StatusChange, 'confirmCode' | 'problem'> = {}): void {
  const pairState = {
    confirmCode: status === 'awaiting-approval' ? (pairing.confirmCode ?? null) : null,
    pairProblem: status === 'refused' ? (pairing.problem ?? null) : null,
    // Paired: the code has done its work and is not kept on screen.
    ...(status === 'connected' ? { pairCode: '' } : {}),
  };
  // A revoked device (lost, or handed to someone else) must not keep showing this call's tips.
  if (status === 'revoked') store.setState({ status, statusDetail: detail, current: null, history: [], summary: null, ...pairState });
  else store.setState({ status, statusDetail: detail, ...pairState });
}

export function pairCodeTyped(store: TabletStore, pairCode: string): void {
  store.setState({ pairCode });
}

export function setLang(store: TabletStore, lang: Lang): void {
  store.setState({ lang });
}

/** Wires the client's events into the store; returns the unsubscribe. */
export function connectTabletStore(store: TabletStore, client: SessionClient): () => void {
  const offs = [
    client.on('status', (c) => statusChanged(store, c.status, c.detail ?? null, c)),
    client.on('tip', (tip) => tipArrived(store, tip)),
    client.on('tip:cleared', (c) => tipCleared(store, c.tipId, c.by)),
    client.on('call:start', () => callStarted(store)),
    client.on('call:end', (summary) => callEnded(store, summary)),
    client.on('live', (live) => liveChanged(store, live, performance.now())),
  ];
  statusChanged(store, client.status, null);
  return () => offs.forEach((off) => off());
}

/** "Begrepen": clear it here at once, and tell the server so the overlay clears it too. */
export function acknowledge(store: TabletStore, client: SessionClient, tipId: string): void {
  tipCleared(store, tipId, 'ack');
  client.ack(tipId);
}

/** "Niet nu": clear it and ask the coach for quiet (the server treats a dismiss as a snooze). */
export function dismiss(store: TabletStore, client: SessionClient, tipId: string): void {
  tipCleared(store, tipId, 'dismiss');
  client.dismiss(tipId);
}

function addToHistory(history: HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  const rest = history.filter((h) => h.tip.id !== entry.tip.id);
  return [entry, ...rest].sort((a, b) => b.tip.atMs - a.tip.atMs).slice(0, HISTORY_LENGTH);
}
