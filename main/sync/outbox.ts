// The desktop's outbox for the team server: a table in the desktop's own SQLite file, so an item
// queued before a crash or a reboot is still sent afterwards. One row per (type, id): queueing
// the same call again (its summary grew) replaces the payload in place and bumps its version,
// and an acknowledgement removes a row only if the server confirmed that very version.
//
// The tables are defined in outbox-schema.ts and created here if missing, so the outbox works
// on the call store's own SQLite file as well as on a bare handle.
import type { Database, Statement } from 'better-sqlite3';
import { findingWithoutWords } from '../contracts/finding.ts';
import { TEAM_OUTBOX_SQL } from './outbox-schema.ts';
import { SyncItem, type SyncItemResult } from '../team/sync-contract.ts';

export interface OutboxEntry {
  item: SyncItem;
  version: number;
}

export interface RejectedEntry {
  type: SyncItem['type'];
  id: string;
  reason: string;
}

// Sent in this order so what an item refers to is on the server first (see ingest.ts).
const PRIORITY: Record<SyncItem['type'], number> = { call: 0, finding: 1, mark: 2, withdraw: 3 };


export class Outbox {
  private readonly upsert: Statement;
  private readonly dropOpposite: Statement;
  private readonly selectNext: Statement;
  private readonly deleteVersion: Statement;
  private readonly rejectVersion: Statement;
  private readonly countByStatus: Statement;

  constructor(private readonly db: Database) {
    db.exec(TEAM_OUTBOX_SQL);
    this.upsert = db.prepare(
      `INSERT INTO team_outbox (type, id, priority, payload) VALUES (@type, @id, @priority, @payload)
       ON CONFLICT (type, id) DO UPDATE SET payload = excluded.payload, version = version + 1, status = 'pending', reason = NULL`,
    );
    this.dropOpposite = db.prepare(`DELETE FROM team_outbox WHERE type = ? AND id = ? AND status = 'pending'`);
    this.selectNext = db.prepare(`SELECT payload, version FROM team_outbox WHERE status = 'pending' ORDER BY priority, seq LIMIT ?`);
    this.deleteVersion = db.prepare('DELETE FROM team_outbox WHERE type = ? AND id = ? AND version = ?');
    this.rejectVersion = db.prepare(`UPDATE team_outbox SET status = 'rejected', reason = ? WHERE type = ? AND id = ? AND version = ?`);
    this.countByStatus = db.prepare('SELECT status, count(*) AS n FROM team_outbox GROUP BY status');
  }

  /** Queues an item (validated here, so nothing malformed ever waits in the outbox). */
  enqueue(input: SyncItem): void {
    const item = SyncItem.parse(input);
    this.db.transaction(() => {
      // Sharing a moment again cancels a pending withdrawal, and the other way round; the row
      // that stays is the agent's latest choice.
      if (item.type === 'finding') this.dropOpposite.run('withdraw', item.id);
      if (item.type === 'withdraw') this.dropOpposite.run('finding', item.id);
      this.upsert.run({ type: item.type, id: item.id, priority: PRIORITY[item.type], payload: JSON.stringify(item) });
    }).immediate();
  }

  /** The next items to send, oldest first within each type order. */
  next(limit: number): OutboxEntry[] {
    const rows = this.selectNext.all(limit) as { payload: string; version: number }[];
    return rows.map((r) => ({ item: SyncItem.parse(JSON.parse(r.payload)), version: r.version }));
  }

  /**
   * Applies the server's answer for a batch: stored/expired items leave the outbox, rejected
   * ones are kept aside with the reason. Items the server did not mention stay pending.
   */
  acknowledge(sent: readonly OutboxEntry[], results: readonly SyncItemResult[]): void {
    const byKey = new Map(results.map((r) => [`${r.type}\u0000${r.id}`, r]));
    this.db.transaction(() => {
      for (const { item, version } of sent) {
        const result = byKey.get(`${item.type}\u0000${item.id}`);
        if (!result) continue;
        if (result.status === 'rejected') this.rejectVersion.run(result.reason ?? 'rejected by the team server', item.type, item.id, version);
        else this.deleteVersion.run(item.type, item.id, version);
      }
    }).immediate();
  }

  /** Keeps one item aside for good (the server refuses it on its own). */
  reject(entry: OutboxEntry, reason: string): void {
    this.rejectVersion.run(reason, entry.item.type, entry.item.id, entry.version);
  }

  counts(): { pending: number; rejected: number } {
    const out = { pending: 0, rejected: 0 };
    for (const row of this.countByStatus.all() as { status: 'pending' | 'rejected'; n: number }[]) out[row.status] = row.n;
    return out;
  }

  rejected(): RejectedEntry[] {
    return this.db
      .prepare(`SELECT type, id, reason FROM team_outbox WHERE status = 'rejected' ORDER BY seq`)
      .all() as RejectedEntry[];
  }
}

export interface OutboxPurge {
  /** Items (waiting or refused) older than the finding retention, deleted. */
  itemsDeleted: number;
  /** Findings older than the snippet retention whose words were blanked. */
  wordsErased: number;
}

// The wall-clock time an item is about, in epoch ms (a withdrawal carries none and is kept).
const ITEM_TIME_SQL = `unixepoch(coalesce(json_extract(payload, '$.occurredAt'), json_extract(payload, '$.startedAt'), json_extract(payload, '$.markedAt')), 'subsec') * 1000`;

/**
 * Applies the desktop's retention to the outbox, waiting and refused items alike: an item the
 * server never took must not keep an agent's words longer than the call store does. Runs inside
 * the store's purge transaction (main/store/retention.ts).
 */
export function purgeOutbox(db: Database, cutoffs: { snippetCutoffMs: number; findingCutoffMs: number }): OutboxPurge {
  const itemsDeleted = db.prepare(`DELETE FROM team_outbox WHERE type <> 'withdraw' AND ${ITEM_TIME_SQL} < ?`).run(cutoffs.findingCutoffMs).changes;
  const old = db.prepare(`SELECT seq, payload FROM team_outbox WHERE type = 'finding' AND ${ITEM_TIME_SQL} < ?`).all(cutoffs.snippetCutoffMs) as { seq: number; payload: string }[];
  const update = db.prepare('UPDATE team_outbox SET payload = ? WHERE seq = ?');
  let wordsErased = 0;
  for (const row of old) {
    const item = JSON.parse(row.payload) as Extract<SyncItem, { type: 'finding' }>;
    const payload = JSON.stringify({ ...item, finding: findingWithoutWords(item.finding) });
    if (payload === row.payload) continue;
    update.run(payload, row.seq);
    wordsErased++;
  }
  return { itemsDeleted, wordsErased };
}
