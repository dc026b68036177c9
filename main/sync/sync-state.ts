// The sync state the app shows ("3 moments waiting, retrying in 40 s"). A vanilla zustand store,
// so the syncer updates it without React and a view reads it through a narrow selector.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type SyncStatus =
  /** Nothing waiting, or waiting for the next poll. */
  | 'idle'
  /** A batch is on its way. */
  | 'syncing'
  /** The server or network is down; the next attempt is at nextRetryAtMs. */
  | 'retrying'
  /** The device token was refused (revoked): the desktop must be enrolled again. */
  | 'needs-enrolment'
  | 'stopped';

export interface SyncState {
  status: SyncStatus;
  /** Items waiting in the outbox. */
  pending: number;
  /** Items the server refused for good (kept on the desktop; see Outbox.rejected()). */
  rejected: number;
  /** Consecutive failed attempts since the last success. */
  attempt: number;
  lastSuccessAtMs: number | null;
  nextRetryAtMs: number | null;
  lastError: string | null;
}

export type SyncStateStore = StoreApi<SyncState>;

export function createSyncStateStore(): SyncStateStore {
  return createStore<SyncState>()(() => ({
    status: 'idle',
    pending: 0,
    rejected: 0,
    attempt: 0,
    lastSuccessAtMs: null,
    nextRetryAtMs: null,
    lastError: null,
  }));
}
