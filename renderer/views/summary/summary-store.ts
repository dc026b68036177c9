// The summary page's state: the last finished call of this session.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallSummary, SessionClient, SessionStatus } from '../../session-client/types.ts';
import type { Lang } from '../i18n/strings.ts';

export interface SummaryState {
  lang: Lang;
  status: SessionStatus;
  summary: CallSummary | null;
}

export type SummaryStore = StoreApi<SummaryState>;

export function createSummaryStore(lang: Lang): SummaryStore {
  return createStore<SummaryState>()(() => ({ lang, status: 'idle', summary: null }));
}

export function connectSummaryStore(store: SummaryStore, client: SessionClient): () => void {
  const offs = [
    client.on('status', (c) => store.setState({ status: c.status })),
    client.on('call:end', (summary) => store.setState({ summary })),
  ];
  store.setState({ status: client.status });
  return () => offs.forEach((off) => off());
}
