// Migrations: applied once, safe when two servers start together, and a failing step leaves
// the schema as it was.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../main/team/db/pool.ts';
import { migrate } from '../../main/team/db/migrate.ts';
import { MIGRATIONS } from '../../main/team/db/migrations/index.ts';
import { postgresUnavailableReason, startThrowawayPostgres, type ThrowawayPostgres } from './support/throwaway-postgres.ts';

const skip = postgresUnavailableReason();
if (skip) console.warn(`team tests skipped: ${skip}`);

describe.skipIf(skip)('team database migrations', () => {
  let server: ThrowawayPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    server = await startThrowawayPostgres();
    pool = createPool({ url: server.url });
  });
  afterAll(async () => {
    await pool?.end();
    server?.destroy();
  });

  it('applies every migration once, even when two processes race', async () => {
    const other = createPool({ url: server.url });
    const [a, b] = await Promise.all([migrate(pool), migrate(other)]);
    await other.end();
    expect([...a, ...b].sort()).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await migrate(pool)).toEqual([]);
  });

  it('rolls a failing migration back completely and names it', async () => {
    const broken = [...MIGRATIONS, { name: '9999-broken', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
    await expect(migrate(pool, broken)).rejects.toThrow(/migration 9999-broken failed/);
    const { rowCount } = await pool.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
    expect(rowCount).toBe(0);
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });
});
