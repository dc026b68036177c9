// Issue 15, item 6 (desktop side): retention must reach everything that holds an agent's words.
// - the team outbox, waiting and refused items alike;
// - the database file itself: erased text must not stay readable in free space or the WAL.
import Database from 'better-sqlite3';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { openStore } from '../../main/store/open-store.ts';
import { purgeExpired } from '../../main/store/retention.ts';
import { Outbox } from '../../main/sync/outbox.ts';
import type { SyncItem } from '../../main/team/sync-contract.ts';
import { tempStore, textFinding, type TempStore } from '../store/helpers.ts';

const DAY = 86_400_000;
const SECRET = 'zwiebelkuchenwoordxq';
let t: TempStore;
beforeEach(() => { t = tempStore(); });
afterEach(() => t.cleanup());

function outboxFinding(id: string, occurredAtMs: number): SyncItem {
  return {
    type: 'finding', id, callId: 'call-0001-abcdefgh', occurredAt: new Date(occurredAtMs).toISOString(), sharedByAgent: true,
    finding: textFinding({
      span: { startChar: 4, endChar: 16, text: SECRET },
      utterance: { startMs: 3000, endMs: 4100, text: `dat ${SECRET} hoor` },
      evidence: [{ startChar: 4, endChar: 16, text: SECRET }],
    }),
  };
}

const rawFileText = (): string =>
  [t.file, `${t.file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('');

describe('retention of the team outbox', () => {
  it("blanks the words of waiting and refused findings after the snippet days, deletes them after the finding days", () => {
    const outbox = new Outbox(t.store.db);
    outbox.enqueue(outboxFinding('finding-waiting-1', t.clock.ms));
    outbox.enqueue(outboxFinding('finding-refused-1', t.clock.ms));
    const [, refused] = outbox.next(10);
    outbox.reject(refused!, 'unknown call for this agent');
    expect(outbox.counts()).toEqual({ pending: 1, rejected: 1 });

    t.clock.ms += 31 * DAY;
    expect(purgeExpired(t.store)).toMatchObject({ outboxWordsErased: 2, outboxItemsDeleted: 0 });
    const payloads = (t.store.db.prepare('SELECT payload FROM team_outbox').pluck().all() as string[]).join('\n');
    expect(payloads).not.toContain(SECRET);
    expect(outbox.next(10)[0]!.item).toMatchObject({ finding: { span: { startChar: 4, endChar: 16, text: '' }, utterance: { text: '' } } });

    t.clock.ms += 60 * DAY;
    expect(purgeExpired(t.store)).toMatchObject({ outboxItemsDeleted: 2 });
    expect(outbox.counts()).toEqual({ pending: 0, rejected: 0 });
  });

  it('keeps a pending withdrawal (it carries no words, and the server must still hear it)', () => {
    const outbox = new Outbox(t.store.db);
    outbox.enqueue({ type: 'withdraw', id: 'finding-taken-back' });
    t.clock.ms += 400 * DAY;
    purgeExpired(t.store);
    expect(outbox.counts().pending).toBe(1);
  });
});

describe('erased words in the database file', () => {
  it('are not readable in the file or its WAL after the purge', () => {
    const rec = createCallRecorder(t.store);
    const callId = rec.startCall({ agentId: 'anna' });
    rec.recordUtterance(callId, { startMs: 0, endMs: 900, text: `goedemiddag ${SECRET} hier` });
    rec.recordFinding(callId, textFinding({ span: { startChar: 0, endChar: 5, text: SECRET }, utterance: { startMs: 1000, endMs: 2000, text: `nog een keer ${SECRET}` } }));
    t.store.db.pragma('wal_checkpoint(TRUNCATE)'); // as a long-running app would have done by now
    expect(rawFileText()).toContain(SECRET);

    t.clock.ms += 31 * DAY;
    expect(purgeExpired(t.store).snippetsErased).toBeGreaterThan(0);
    expect(rawFileText()).not.toContain(SECRET);
  });

  it('switches a store made without incremental vacuum over when it is opened, and deletes securely', () => {
    const file = join(t.dir, 'old.sqlite');
    const old = new Database(file);
    old.exec('CREATE TABLE from_an_old_version (x TEXT)');
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();
    const store = openStore(file);
    try {
      expect(store.db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(store.db.pragma('secure_delete', { simple: true })).toBe(1);
    } finally {
      store.close();
    }
  });
});
