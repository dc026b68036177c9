// One connection pool per server process. DATABASE_URL is the usual libpq URL. A connection that
// PostgreSQL drops (restart, failover) emits 'error': on the pool when it is idle, on the client
// itself when it is checked out between two queries. Without listeners Node would crash the
// whole server, so both are logged; the request in flight fails with 503, the desktop retries,
// and the pool opens fresh connections once PostgreSQL is back.
import pg from 'pg';

export interface PoolOptions {
  url: string;
  max?: number;
  /** Logger for connection problems; silent in tests. */
  onError?: (err: Error) => void;
}

export function createPool({ url, max = 10, onError }: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    application_name: 'klachtcoach-team-server',
  });
  pool.on('error', (err) => onError?.(err));
  pool.on('connect', (client) => client.on('error', (err) => onError?.(err)));
  return pool;
}

/** Runs fn inside one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    try { await client.query('ROLLBACK'); } catch { broken = true; }
    throw err;
  } finally {
    // A connection that failed to roll back is not trusted again.
    client.release(broken);
  }
}
