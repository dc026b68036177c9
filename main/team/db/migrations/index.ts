// Forward-only migrations, applied in this order. Add a new file with the next number; never edit
// one that has shipped.
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-call-turns.ts';

export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [m0001, m0002];
