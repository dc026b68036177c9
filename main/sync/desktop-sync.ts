// The running engine's side of the team server: `serve` opens one DesktopSync on its call store.
// When a recorded call ends it is queued (the call summary; its findings too under 'share-all',
// none of them under 'agent-chooses' until the agent shares one), and the Syncer sends the outbox
// in the background with backoff. A server that is down, a damaged enrolment or a call that
// cannot be queued is reported through `log` and never stops the coaching.
//
// The device token lives in the call store's SQLite file (team_sync_settings), as TeamSync keeps
// it. Encrypting it at rest with the OS keychain (Electron's safeStorage) is the desktop app's
// job; the headless engine has no keychain to ask.
import { z } from 'zod';
import type { LiveCallObserver } from '../session/live-call.ts';
import type { CallStore } from '../store/open-store.ts';
import { TEAM_OUTBOX_SQL } from './outbox-schema.ts';
import { queueStoredCall, shareStoredFinding } from './from-store.ts';
import type { SyncState } from './sync-state.ts';
import { TeamSync, type Enrolment, type FindingQueueResult, type TeamSyncOptions } from './team-sync.ts';

/** What survives a restart of the sync state, so `team status` can say what went wrong last. */
const LastSync = z.object({
  lastSuccessAtMs: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorAtMs: z.number().nullable(),
});
export type LastSync = z.infer<typeof LastSync>;

const CA_KEY = 'ca';
const LAST_SYNC_KEY = 'last-sync';

/** A summary of the sync state for a status line, the CLI and the agent's page. */
export interface SyncOverview {
  enrolled: boolean;
  server: string | null;
  sharing: 'share-all' | 'agent-chooses' | null;
  status: SyncState['status'] | 'not-enrolled';
  pending: number;
  rejected: number;
  /** When the current run of failures began (null when the last attempt succeeded). */
  retryingSinceMs: number | null;
  nextRetryAtMs: number | null;
  lastSuccessAtMs: number | null;
  lastError: string | null;
}

export interface DesktopSyncOptions extends Omit<TeamSyncOptions, 'ca'> {
  log?: (line: string) => void;
  now?: () => number;
}

function readSetting(store: CallStore, key: string): string | null {
  const row = store.db.prepare('SELECT value FROM team_sync_settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function writeSetting(store: CallStore, key: string, value: string): void {
  store.db.prepare('INSERT INTO team_sync_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export class DesktopSync {
  readonly team: TeamSync;
  private readonly log: (line: string) => void;
  private readonly now: () => number;
  private retryingSinceMs: number | null = null;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly store: CallStore, options: DesktopSyncOptions = {}) {
    this.log = options.log ?? ((line) => console.error(line));
    this.now = options.now ?? Date.now;
    // The store's migration 2 made these tables; IF NOT EXISTS keeps a bare handle working too.
    store.db.exec(TEAM_OUTBOX_SQL);
    this.team = new TeamSync(store.db, { ...options, ca: readSetting(store, CA_KEY) ?? undefined });
  }

  /** Enrols with a code from the admin; the CA (PEM) is kept for later runs of `serve`. */
  static async enrol(store: CallStore, server: string, code: string, deviceName: string, ca?: string): Promise<Enrolment> {
    const team = new TeamSync(store.db, ca ? { ca } : {});
    const enrolment = await team.enrol(server, code, deviceName);
    if (ca) writeSetting(store, CA_KEY, ca);
    else store.db.prepare('DELETE FROM team_sync_settings WHERE key = ?').run(CA_KEY);
    store.db.prepare('DELETE FROM team_sync_settings WHERE key = ?').run(LAST_SYNC_KEY);
    return enrolment;
  }

  /** The enrolment, or null when there is none or it is damaged (said through log). */
  enrolment(): Enrolment | null {
    try {
      return this.team.enrolment;
    } catch (err) {
      this.log(`team sync: ${(err as Error).message}`);
      return null;
    }
  }

  lastSync(): LastSync {
    const raw = readSetting(this.store, LAST_SYNC_KEY);
    const empty: LastSync = { lastSuccessAtMs: null, lastError: null, lastErrorAtMs: null };
    if (!raw) return empty;
    try {
      const parsed = LastSync.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : empty;
    } catch {
      return empty;
    }
  }

  /** Starts the background syncer when enrolled; returns whether it runs. */
  start(): boolean {
    if (!this.enrolment()) return false;
    const syncer = this.team.syncer;
    if (!syncer) return false;
    this.unsubscribe ??= syncer.state.subscribe((state, previous) => this.remember(state, previous));
    syncer.start();
    return true;
  }

  async stop(): Promise<void> {
    const syncer = this.enrolment() ? this.team.syncer : null;
    await syncer?.stop();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private remember(state: SyncState, previous: SyncState): void {
    if (state.status === 'retrying' && previous.status !== 'retrying') this.retryingSinceMs ??= this.now();
    if (state.lastSuccessAtMs !== previous.lastSuccessAtMs) this.retryingSinceMs = null;
    if (state.lastError === previous.lastError && state.lastSuccessAtMs === previous.lastSuccessAtMs) return;
    const last = this.lastSync();
    const next: LastSync = {
      lastSuccessAtMs: state.lastSuccessAtMs ?? last.lastSuccessAtMs,
      lastError: state.lastError,
      lastErrorAtMs: state.lastError && state.lastError !== previous.lastError ? this.now() : (state.lastError ? last.lastErrorAtMs : null),
    };
    try {
      writeSetting(this.store, LAST_SYNC_KEY, JSON.stringify(next));
    } catch (err) {
      this.log(`team sync: could not save the sync state: ${(err as Error).message}`);
    }
  }

  /** A call observer that queues the call once the inner observer (the recording) has ended it. */
  afterRecording(callId: string, recording: LiveCallObserver): LiveCallObserver {
    return {
      utterance: (u) => recording.utterance(u),
      finding: (f) => recording.finding(f),
      segment: (s) => recording.segment(s),
      cue: (e) => recording.cue(e),
      ended: (summary) => {
        recording.ended(summary);
        this.callEnded(callId);
      },
    };
  }

  /** Queues a stored call for the team server; never throws (coaching goes on). */
  callEnded(callId: string): void {
    if (!this.enrolment()) return;
    try {
      const queued = queueStoredCall(this.team, this.store, callId);
      const waiting = queued.findings.filter((f) => f.result === 'awaiting-agent').length;
      if (waiting > 0) this.log(`team sync: call ${callId} queued; ${waiting} moment(s) wait for the agent to choose (Mijn momenten)`);
    } catch (err) {
      this.log(`team sync: could not queue call ${callId}: ${(err as Error).message}`);
    }
  }

  /** The agent shares one of their own moments (agent-chooses). */
  share(callId: string, storeFindingId: number): FindingQueueResult {
    return shareStoredFinding(this.team, this.store, callId, storeFindingId);
  }

  overview(): SyncOverview {
    const e = this.enrolment();
    const counts = this.team.outbox.counts();
    const last = this.lastSync();
    if (!e) {
      return { enrolled: false, server: null, sharing: null, status: 'not-enrolled', ...counts, retryingSinceMs: null, nextRetryAtMs: null, lastSuccessAtMs: last.lastSuccessAtMs, lastError: last.lastError };
    }
    const running = this.unsubscribe ? this.team.syncer?.state.getState() : undefined;
    return {
      enrolled: true,
      server: e.baseUrl,
      sharing: e.policy.sharing,
      status: running?.status ?? 'stopped',
      ...counts,
      retryingSinceMs: running?.status === 'retrying' ? this.retryingSinceMs : null,
      nextRetryAtMs: running?.nextRetryAtMs ?? null,
      lastSuccessAtMs: running?.lastSuccessAtMs ?? last.lastSuccessAtMs,
      lastError: running ? running.lastError : last.lastError,
    };
  }
}

/** One line for `serve`'s start and `team status`. */
export function describeSync(o: SyncOverview): string {
  if (!o.enrolled) return 'team sync: not enrolled (this desktop keeps its calls to itself; klachtcoach team enrol --server URL --code CODE)';
  const parts = [`team sync: enrolled with ${o.server}`, `policy ${o.sharing}`, `${o.pending} pending`];
  if (o.rejected > 0) parts.push(`${o.rejected} refused by the server`);
  if (o.lastSuccessAtMs !== null) parts.push(`last sent ${new Date(o.lastSuccessAtMs).toISOString()}`);
  if (o.lastError) parts.push(`last error: ${o.lastError}`);
  return parts.join(', ');
}
