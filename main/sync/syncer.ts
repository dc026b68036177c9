// Drains the outbox to the team server. One loop per desktop: send the next batch; on success
// drop what the server confirmed; when the server or network is down, wait with backoff and try
// again; when the server refuses a batch, halve it until the one item it refuses is found and
// kept aside. Resending is always safe because the server upserts by the desktop's ids.
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { Outbox } from './outbox.ts';
import { createSyncStateStore, type SyncState, type SyncStateStore } from './sync-state.ts';
import { TeamClientError } from './team-client.ts';
import type { SharingPolicy, SyncItem, SyncReply } from '../team/sync-contract.ts';

export interface BatchSender {
  sendBatch(items: readonly SyncItem[]): Promise<SyncReply>;
}

export interface SyncerOptions {
  outbox: Outbox;
  client: BatchSender;
  state?: SyncStateStore;
  batchSize?: number;
  backoff?: BackoffOptions;
  /** How long to wait between checks when the outbox is empty and nobody calls wake(). */
  idlePollMs?: number;
  random?: () => number;
  now?: () => number;
  /** Told whenever the server reports the organisation's policy (it may change). */
  onPolicy?: (policy: SharingPolicy) => void;
}

export type RoundResult = 'empty' | 'sent' | 'failed' | 'unauthorised';

export class Syncer {
  readonly state: SyncStateStore;
  private readonly maxBatch: number;
  private batchSize: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake() that came while no sleep was in progress: the next sleep returns at once. */
  private wakePending = false;

  constructor(private readonly options: SyncerOptions) {
    this.state = options.state ?? createSyncStateStore();
    this.maxBatch = options.batchSize ?? 200;
    this.batchSize = this.maxBatch;
    this.refreshCounts();
  }

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  private set(patch: Partial<SyncState>): void {
    this.state.setState(patch);
  }

  private refreshCounts(): void {
    this.set(this.options.outbox.counts());
  }

  /** One send attempt: the unit the loop repeats, and what tests drive directly. */
  async syncOnce(): Promise<RoundResult> {
    const { outbox, client } = this.options;
    const batch = outbox.next(this.batchSize);
    if (batch.length === 0) {
      this.set({ status: 'idle', attempt: 0, nextRetryAtMs: null, pending: 0 });
      return 'empty';
    }
    this.set({ status: 'syncing' });
    try {
      const reply = await client.sendBatch(batch.map((e) => e.item));
      outbox.acknowledge(batch, reply.results);
      this.options.onPolicy?.(reply.policy);
      // After a split found the bad item, go back to full batches.
      this.batchSize = Math.min(this.maxBatch, this.batchSize * 2);
      this.set({ status: 'idle', attempt: 0, lastSuccessAtMs: this.now, nextRetryAtMs: null, lastError: null });
      this.refreshCounts();
      return 'sent';
    } catch (err) {
      if (!(err instanceof TeamClientError)) throw err;
      if (err.kind === 'unauthorised') {
        this.set({ status: 'needs-enrolment', lastError: err.message, nextRetryAtMs: null });
        return 'unauthorised';
      }
      if (err.kind === 'refused') {
        if (batch.length > 1) this.batchSize = Math.max(1, Math.floor(batch.length / 2));
        else outbox.reject(batch[0]!, err.message);
        this.refreshCounts();
        this.set({ status: 'idle', lastError: err.message });
        return 'sent';
      }
      const attempt = this.state.getState().attempt + 1;
      const delay = backoffDelayMs(attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
      this.set({ status: 'retrying', attempt, lastError: err.message, nextRetryAtMs: this.now + delay });
      return 'failed';
    }
  }

  /** Starts the background loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Call after enqueueing: sends now instead of at the next poll. Does not cut a backoff short. */
  wake(): void {
    if (this.state.getState().status === 'retrying') return;
    this.wakePending = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakePending = true;
    this.wakeUp?.();
    await this.loop;
    this.set({ status: 'stopped' });
  }

  private async run(): Promise<void> {
    while (this.running) {
      const result = await this.syncOnce().catch((err: Error) => {
        // A bug or a broken local database must not kill the loop silently: show it, back off.
        this.set({ status: 'retrying', lastError: `sync failed on this desktop: ${err.message}` });
        return 'failed' as const;
      });
      if (result === 'sent') continue;
      const waitMs = result === 'failed'
        ? Math.max(0, (this.state.getState().nextRetryAtMs ?? this.now + 1000) - this.now)
        : result === 'unauthorised' ? Number.POSITIVE_INFINITY : (this.options.idlePollMs ?? 30_000);
      await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakePending) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (): void => {
        if (timer) clearTimeout(timer);
        this.wakePending = false;
        this.wakeUp = undefined;
        resolve();
      };
      if (Number.isFinite(ms)) timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /**
   * Sends until the outbox is empty (or only rejected items are left), retrying failures with
   * backoff; gives up after maxRounds attempts. For the CLI, tests and the benchmark.
   */
  async flush(maxRounds = 1000): Promise<boolean> {
    for (let round = 0; round < maxRounds; round++) {
      const result = await this.syncOnce();
      if (result === 'empty') return true;
      if (result === 'unauthorised') return false;
      if (result === 'failed') {
        const waitMs = Math.max(0, (this.state.getState().nextRetryAtMs ?? this.now) - this.now);
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
    return false;
  }
}
