import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../main/store/open-store.ts';
import { migrate, schemaVersion } from '../../main/store/migrate.ts';
import { MIGRATIONS } from '../../main/store/migrations/index.ts';
import { coachingDetail } from '../../main/store/migrations/0005-coaching-detail.ts';
import type { Migration } from '../../main/store/migrations/migration.ts';
import { StoreError } from '../../main/store/store-error.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kc-migrate-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('opening the store', () => {
  it('creates a new database at the latest schema version, in a folder that did not exist', () => {
    const file = join(tempDir(), 'nested', 'calls.sqlite');
    const store = openStore(file);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    store.close();
    const again = openStore(file); // reopening applies nothing and keeps the version
    expect(schemaVersion(again.db)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a file that is not a database, names it, and leaves it untouched', () => {
    const file = join(tempDir(), 'calls.sqlite');
    const junk = 'this is not sqlite '.repeat(300);
    writeFileSync(file, junk);
    expect(() => openStore(file)).toThrow(StoreError);
    expect(() => openStore(file)).toThrow(new RegExp(`${file}: cannot be opened as a Klachtcoach call store \\(SQLITE_NOTADB`));
    expect(readFileSync(file, 'utf8')).toBe(junk);
  });

  it('moves a store from before the coaching-detail step on to it, keeping which tips were acknowledged', () => {
    const file = join(tempDir(), 'calls.sqlite');
    const raw = new Database(file);
    migrate(raw, MIGRATIONS.slice(0, coachingDetail.version - 1), file);
    raw.exec(`INSERT INTO calls (id, agent_id, started_at_ms) VALUES ('c', 'a', 0);
      INSERT INTO findings (call_id, kind, behaviour, rule_id, at_ms, tip, severity, source, shown, acknowledged, recorded_at_ms)
      VALUES ('c', 'flag', 'verschuilen', 'r', 1, 't', 'medium', 'text', 1, 1, 0), ('c', 'flag', 'verschuilen', 'r', 2, 't', 'medium', 'text', 1, 0, 0)`);
    raw.close();
    const store = openStore(file);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    expect(store.db.prepare('SELECT tip_outcome FROM findings ORDER BY at_ms').pluck().all()).toEqual(['acknowledged', null]);
    store.close();
  });

  it('refuses a database written by a newer version instead of downgrading it', () => {
    const file = join(tempDir(), 'calls.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openStore(file)).toThrow(new RegExp(`schema version 99, but this Klachtcoach knows only up to ${MIGRATIONS.length}`));
  });
});

describe('migrate', () => {
  it('applies only pending steps, each together with its version bump', () => {
    const db = new Database(':memory:');
    const ran: number[] = [];
    const steps: Migration[] = [
      { version: 1, name: 'a', up: (d) => { ran.push(1); d.exec('CREATE TABLE a (x)'); } },
      { version: 2, name: 'b', up: (d) => { ran.push(2); d.exec('CREATE TABLE b (x)'); } },
    ];
    expect(migrate(db, steps.slice(0, 1), 'mem')).toBe(1);
    expect(migrate(db, steps, 'mem')).toBe(2);
    expect(ran).toEqual([1, 2]);
  });

  it('rolls a failing step back whole: no half-made tables, version unchanged', () => {
    const db = new Database(':memory:');
    const steps: Migration[] = [
      { version: 1, name: 'half', up: (d) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } },
    ];
    expect(() => migrate(db, steps, 'mem')).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => undefined }], 'mem')).toThrow(/out of order/);
  });
});
