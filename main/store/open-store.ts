// Opens (or creates) the call store: one SQLite file, one connection, and that connection is the
// process's only writer. Durability settings follow research/security.md §4: WAL so the review
// screens can read while a call is being recorded, and synchronous=FULL so a commit that has
// returned survives a crash of the process (and of the machine, if the disk honours fsync);
// better-sqlite3 would otherwise default WAL databases to NORMAL.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { StoreError } from './store-error.ts';

export interface CallStore {
  readonly db: Database.Database;
  readonly file: string;
  /** Wall clock in epoch ms; injected so retention and tests can move time. */
  readonly now: () => number;
  close(): void;
}

export interface OpenStoreOptions {
  now?: () => number;
  /** How long a write waits for another process's lock before failing, in ms. */
  busyTimeoutMs?: number;
}

const UNREADABLE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

export function openStore(file: string, options: OpenStoreOptions = {}): CallStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw describeOpenError(file, err);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // Erased words must not stay readable in the file: deleted content is overwritten with zeros,
    // and the purge hands freed pages back (incremental vacuum; a new file gets it from the start).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('secure_delete = ON');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, file);
    enableIncrementalVacuum(db);
  } catch (err) {
    db.close();
    throw describeOpenError(file, err);
  }
  return {
    db,
    file,
    now: options.now ?? Date.now,
    close: () => {
      if (db.open) db.close();
    },
  };
}

const AUTO_VACUUM_INCREMENTAL = 2;

/**
 * A store made before auto_vacuum was set needs one VACUUM to switch to it (which also rewrites
 * the file without the free space that older purges left). Another process reading the store at
 * that moment makes it wait; then it is simply tried at the next open.
 */
function enableIncrementalVacuum(db: Database.Database): void {
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) return;
  try {
    db.exec('VACUUM');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw err;
  }
}

function describeOpenError(file: string, err: unknown): Error {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREADABLE_CODES.has(code)) {
    return new StoreError(
      `${file}: cannot be opened as a Klachtcoach call store (${code}: ${(err as Error).message}). ` +
        'The file was left untouched; move it aside or restore a backup, then start again.',
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}
