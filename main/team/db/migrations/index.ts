// Forward-only migrations, applied in this order. Add a new file with the next number; never edit
// one that has shipped.
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-audit-failed-sign-in.ts';
import * as m0003 from './0003-ids-per-desktop.ts';
import * as m0004 from './0004-call-turns.ts';

export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004];
