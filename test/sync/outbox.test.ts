// The desktop outbox and syncer without a server: ordering, versioned acknowledgements, the
// share/withdraw choice, backoff, and how refused batches are split to find the bad item.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../main/sync/backoff.ts';
import { Outbox } from '../../main/sync/outbox.ts';
import { teamOutboxMigration } from '../../main/sync/outbox-schema.ts';
import { openStore } from '../../main/store/open-store.ts';
import { MIGRATIONS } from '../../main/store/migrations/index.ts';
import { Syncer, type BatchSender } from '../../main/sync/syncer.ts';
import { TeamClientError } from '../../main/sync/team-client.ts';
import type { SharingPolicy, SyncItem, SyncReply } from '../../main/team/sync-contract.ts';

const policy: SharingPolicy = { sharing: 'share-all', shareSnippets: false, showAgentNames: false, snippetRetentionDays: 30, findingRetentionDays: 90 };
const now = new Date().toISOString();
const call = (id: string, flagCount = 0): SyncItem => ({ type: 'call', id, startedAt: now, endedAt: null, summary: { durationMs: 0, flagCount, praiseCount: 0 } });
const finding = (id: string, callId: string): SyncItem => ({
  type: 'finding', id, callId, occurredAt: now, sharedByAgent: true,
  finding: { kind: 'flag', behaviour: 'onderbreken', ruleId: 'r', atMs: 1, tip: 'Laat uitpraten.', severity: 'high', source: 'timing', rangeMs: { startMs: 0, endMs: 1 } },
});
const storedAll = (items: readonly SyncItem[]): SyncReply => ({ results: items.map((i) => ({ type: i.type, id: i.id, status: 'stored' })), policy });

describe('outbox', () => {
  it('sends calls before findings before marks, whatever order they were queued in', () => {
    const box = new Outbox(new Database(':memory:'));
    box.enqueue(finding('finding-0001', 'call-00001'));
    box.enqueue({ type: 'mark', id: 'mark-00001', findingId: 'finding-0001', verdict: 'right', markedAt: now });
    box.enqueue(call('call-00001'));
    expect(box.next(10).map((e) => e.item.type)).toEqual(['call', 'finding', 'mark']);
  });

  it('keeps an item that changed while its older version was in flight', () => {
    const box = new Outbox(new Database(':memory:'));
    box.enqueue(call('call-00001', 0));
    const inFlight = box.next(10);
    box.enqueue(call('call-00001', 5)); // the summary grew meanwhile
    box.acknowledge(inFlight, storedAll(inFlight.map((e) => e.item)).results);
    const left = box.next(10);
    expect(left).toHaveLength(1);
    expect(left[0]!.item).toMatchObject({ summary: { flagCount: 5 } });
    expect(left[0]!.version).toBe(2);
  });

  it('keeps refused items aside with the reason and leaves unmentioned ones pending', () => {
    const box = new Outbox(new Database(':memory:'));
    box.enqueue(call('call-00001'));
    box.enqueue(call('call-00002'));
    box.enqueue(call('call-00003'));
    const sent = box.next(10);
    box.acknowledge(sent, [
      { type: 'call', id: 'call-00001', status: 'stored' },
      { type: 'call', id: 'call-00002', status: 'rejected', reason: 'id used by another agent' },
    ]);
    expect(box.counts()).toEqual({ pending: 1, rejected: 1 });
    expect(box.rejected()).toEqual([{ type: 'call', id: 'call-00002', reason: 'id used by another agent' }]);
  });

  it('lets the latest share/withdraw choice win', () => {
    const box = new Outbox(new Database(':memory:'));
    box.enqueue(finding('finding-0001', 'call-00001'));
    box.enqueue({ type: 'withdraw', id: 'finding-0001' });
    expect(box.next(10).map((e) => e.item.type)).toEqual(['withdraw']);
    box.enqueue(finding('finding-0001', 'call-00001'));
    expect(box.next(10).map((e) => e.item.type)).toEqual(['finding']);
  });

  it('refuses malformed items at the door', () => {
    const box = new Outbox(new Database(':memory:'));
    expect(() => box.enqueue({ ...call('x'), id: 'bad id!' } as SyncItem)).toThrow(/id/);
    expect(box.counts().pending).toBe(0);
  });

  it('survives closing and reopening the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    try {
      const first = new Database(join(dir, 'calls.db'));
      new Outbox(first).enqueue(call('call-00001'));
      first.close();
      const again = new Database(join(dir, 'calls.db'));
      expect(new Outbox(again).next(10).map((e) => e.item.id)).toEqual(['call-00001']);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('outbox in the call store', () => {
  it("lives in the store's SQLite file, created by the store's own migration", () => {
    const store = openStore(':memory:');
    try {
      expect(MIGRATIONS).toContain(teamOutboxMigration);
      const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toContain('team_outbox');
      const box = new Outbox(store.db);
      box.enqueue(call('call-00001'));
      expect(box.counts().pending).toBe(1);
    } finally {
      store.close();
    }
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap, with jitter below it', () => {
    const opts = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelayMs(1, opts, () => 0.999)).toBe(999);
    expect(backoffDelayMs(4, opts, () => 0.999)).toBe(7992);
    expect(backoffDelayMs(30, opts, () => 0.999)).toBe(59_940);
    expect(backoffDelayMs(3, opts, () => 0)).toBeGreaterThan(0);
  });
});

describe('syncer', () => {
  it('retries with backoff while the server is down, shows it, and then drains', async () => {
    const box = new Outbox(new Database(':memory:'));
    for (let i = 0; i < 5; i++) box.enqueue(call(`call-0000${i}`));
    let failures = 3;
    const received: string[] = [];
    const sender: BatchSender = {
      async sendBatch(items) {
        if (failures-- > 0) throw new TeamClientError('transient', 'cannot reach the team server: ECONNREFUSED');
        received.push(...items.map((i) => i.id));
        return storedAll(items);
      },
    };
    const syncer = new Syncer({ outbox: box, client: sender, backoff: { baseMs: 1, maxMs: 4 }, random: () => 0.5 });
    expect(await syncer.syncOnce()).toBe('failed');
    expect(syncer.state.getState()).toMatchObject({ status: 'retrying', attempt: 1, pending: 5, lastError: expect.stringMatching(/ECONNREFUSED/) });
    expect(await syncer.flush(20)).toBe(true);
    expect(received.sort()).toEqual(['call-00000', 'call-00001', 'call-00002', 'call-00003', 'call-00004']);
    expect(syncer.state.getState()).toMatchObject({ status: 'idle', attempt: 0, pending: 0, lastError: null });
  });

  it('halves a refused batch until it finds the one item the server refuses', async () => {
    const box = new Outbox(new Database(':memory:'));
    for (let i = 0; i < 8; i++) box.enqueue(call(`call-0000${i}`));
    const sender: BatchSender = {
      async sendBatch(items) {
        if (items.some((i) => i.id === 'call-00005')) throw new TeamClientError('refused', 'team server: invalid body', 400);
        return storedAll(items);
      },
    };
    const syncer = new Syncer({ outbox: box, client: sender, batchSize: 8 });
    expect(await syncer.flush(50)).toBe(true);
    expect(box.rejected().map((r) => r.id)).toEqual(['call-00005']);
    expect(syncer.state.getState()).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('the background loop sends what is queued after wake()', async () => {
    const box = new Outbox(new Database(':memory:'));
    let sent = 0;
    const syncer = new Syncer({ outbox: box, client: { async sendBatch(items) { sent += items.length; return storedAll(items); } }, idlePollMs: 60_000 });
    syncer.start();
    box.enqueue(call('call-00001'));
    syncer.wake();
    for (let i = 0; i < 100 && sent === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await syncer.stop();
    expect(sent).toBe(1);
    expect(syncer.state.getState().status).toBe('stopped');
  });
});
