// Starts a real, throwaway PostgreSQL server for the team tests and the team benchmark: a fresh
// data folder under the OS temp dir, listening on 127.0.0.1 only, on a free port. CI and
// developers get the same thing without configuring anything. PostgreSQL refuses to run as
// root, so when we are root (CI) every PostgreSQL binary runs as the `postgres` user.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPostgres {
  /** postgres://… URL of the server's `postgres` database on 127.0.0.1. */
  url: string;
  port: number;
  /** Stops the server (fast shutdown: open connections are cut). */
  stop(): void;
  /** Starts it again on the same port with the same data. */
  start(): void;
  /** Stops the server and deletes the data folder. */
  destroy(): void;
}

/** Where to find initdb/pg_ctl: $PG_BIN, else the newest Debian install. */
export function findPostgresBin(): string | undefined {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why the team tests cannot run here, or undefined when they can. */
export function postgresUnavailableReason(): string | undefined {
  return findPostgresBin() ? undefined : 'PostgreSQL binaries not found (install the postgresql package or set PG_BIN)';
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function runPg(bin: string, tool: string, args: string[]): void {
  const exe = join(bin, tool);
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

export interface ThrowawayOptions {
  /** PostgreSQL's shared_buffers; small by default because several test files run at once. */
  sharedBuffers?: string;
}

export async function startThrowawayPostgres(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(postgresUnavailableReason());
  const dir = mkdtempSync(join(tmpdir(), 'klachtcoach-pg-'));
  if (isRoot) execFileSync('chown', ['postgres:postgres', dir]);
  else chownSync(dir, process.getuid?.() ?? 0, process.getgid?.() ?? 0);
  const data = join(dir, 'data');
  runPg(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freeLoopbackPort();
  // fsync off: a test database is thrown away anyway, and the shared machine has slow disks.
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300 -c shared_buffers=${options.sharedBuffers ?? '32MB'}`;
  const start = (): void => runPg(bin, 'pg_ctl', ['-D', data, '-w', '-l', join(dir, 'server.log'), '-o', opts, 'start']);
  const stop = (): void => runPg(bin, 'pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy() {
      try { stop(); } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
