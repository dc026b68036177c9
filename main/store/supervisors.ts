// Supervisor accounts. The store keeps only the username and the KDF output string; hashing and
// verifying live in main/review/password.ts so the store never sees a password.
import { z } from 'zod';
import type { CallStore } from './open-store.ts';
import { StoreError } from './store-error.ts';

export const Username = z
  .string()
  .trim()
  .min(2, 'username needs at least 2 characters')
  .max(64)
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'username may contain letters, digits and . _ @ - only');

export function addSupervisor(store: CallStore, username: string, passwordHash: string): void {
  const name = Username.parse(username);
  try {
    store.db
      .prepare('INSERT INTO supervisors (username, password_hash, created_at_ms) VALUES (?, ?, ?)')
      .run(name, passwordHash, store.now());
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new StoreError(`supervisor "${name}" already exists`);
    }
    throw err;
  }
}

export function setSupervisorPassword(store: CallStore, username: string, passwordHash: string): void {
  const changed = store.db.prepare('UPDATE supervisors SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes;
  if (changed === 0) throw new StoreError(`supervisor "${username}" does not exist`);
}

export function supervisorPasswordHash(store: CallStore, username: string): string | null {
  return (store.db.prepare('SELECT password_hash FROM supervisors WHERE username = ?').pluck().get(username) as string | undefined) ?? null;
}

export function countSupervisors(store: CallStore): number {
  return store.db.prepare('SELECT COUNT(*) FROM supervisors').pluck().get() as number;
}
