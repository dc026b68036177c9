// Every schema step in order. Append new steps (e.g. a sync outbox) as the next numbered file;
// never edit or reorder a released one.
import type { Migration } from './migration.ts';
import { initialSchema } from './0001-initial.ts';

export const MIGRATIONS: readonly Migration[] = [initialSchema];
