// Applies the pending schema steps. Each step and its `user_version` bump commit together in one
// IMMEDIATE transaction: a process killed halfway leaves the previous version, and the next open
// runs the whole step again.
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/migration.ts';
import { StoreError } from './store-error.ts';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database, migrations: readonly Migration[], file: string): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list out of order: entry ${i} has version ${m.version}`);
  });
  const latest = migrations.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      `${file}: the database has schema version ${current}, but this Klachtcoach knows only up to ${latest}; ` +
        'it was written by a newer version. Update Klachtcoach; the file was left untouched.',
    );
  }
  for (const step of migrations.slice(current)) {
    db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      if (schemaVersion(db) >= step.version) return;
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
