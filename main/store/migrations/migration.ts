// One forward-only schema step. Steps are numbered from 1; the database's `PRAGMA user_version`
// holds the number of the last step applied. A step never changes once released: to change the
// schema, add the next numbered file and list it in ./index.ts.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the same IMMEDIATE transaction that bumps user_version, so a crash re-runs it whole. */
  up: (db: Database) => void;
}
