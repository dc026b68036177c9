// `klachtcoach team-server`: the team review server on PostgreSQL.
//   team-server [serve] [--host H] [--port N] [--cert FILE --key FILE] [--purge-interval-minutes N]
//   team-server migrate            apply the schema migrations and exit
//   team-server init-org NAME      create an organisation and print its first admin token (once)
//   team-server purge              enforce retention now and print what was removed
// The database comes from DATABASE_URL (or --database-url). Plain HTTP is only served on a
// loopback address unless --allow-plain-http says the network in between is trusted (e.g. a
// TLS-terminating proxy on the same host).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { UserError } from './user-error.ts';

const USAGE = 'team-server [serve|migrate|init-org NAME|purge] [--database-url URL] [--host 127.0.0.1] [--port 8443] [--cert FILE --key FILE] [--allow-plain-http] [--purge-interval-minutes 60]';

function readPem(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read the TLS ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!text.includes('-----BEGIN ')) throw new UserError(`${file}: not a PEM file (expected a -----BEGIN ...----- block for the TLS ${what})`);
  return text;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    throw new UserError('DATABASE_URL is not a URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE');
  }
}

async function connect(url: string): Promise<pg.Pool> {
  const { createPool } = await import('../team/db/pool.ts');
  const pool = createPool({ url, onError: (err) => console.error(`team-server: database connection lost: ${err.message}`) });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new UserError(`cannot connect to PostgreSQL at ${describeUrl(url)}: ${(err as Error).message}`);
  }
  return pool;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'database-url': { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8443' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'allow-plain-http': { type: 'boolean', default: false },
        'purge-interval-minutes': { type: 'string', default: '60' },
      },
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\nUsage: klachtcoach ${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const [sub = 'serve', ...rest] = positionals;
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) throw new UserError('set DATABASE_URL (or --database-url) to the PostgreSQL database, e.g. postgres://klachtcoach@127.0.0.1:5432/klachtcoach', 2);
  describeUrl(url);

  if (!['serve', 'migrate', 'init-org', 'purge'].includes(sub)) throw new UserError(`unknown subcommand "${sub}"\nUsage: klachtcoach ${USAGE}`, 2);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: "${values.port}" is not a port number`, 2);
  const purgeMinutes = Number(values['purge-interval-minutes']);
  if (!Number.isFinite(purgeMinutes) || purgeMinutes < 0) throw new UserError(`--purge-interval-minutes: "${values['purge-interval-minutes']}" is not a number of minutes`, 2);
  if (Boolean(values.cert) !== Boolean(values.key)) throw new UserError('give both --cert and --key for TLS, or neither', 2);
  const tls = values.cert && values.key ? { cert: readPem(values.cert, 'certificate'), key: readPem(values.key, 'key') } : undefined;
  if (sub === 'serve' && !tls && !isLoopback(values.host) && !values['allow-plain-http']) {
    throw new UserError(`refusing to serve plain HTTP on ${values.host}: device tokens would cross the network readable. Give --cert and --key, or --allow-plain-http behind a TLS proxy`, 2);
  }

  const pool = await connect(url);
  const { migrate } = await import('../team/db/migrate.ts');
  try {
    const applied = await migrate(pool);
    if (applied.length > 0) console.error(`team-server: applied migrations ${applied.join(', ')}`);
    if (sub === 'migrate') return 0;
    if (sub === 'init-org') {
      const name = rest.join(' ').trim();
      if (!name) throw new UserError('init-org needs the organisation name: team-server init-org "Klantenservice BV"', 2);
      const { createOrganisation } = await import('../team/provisioning.ts');
      const org = await createOrganisation(pool, name).catch((err: { code?: string }) => {
        if (err.code === '23505') throw new UserError(`an organisation called "${name}" already exists`);
        throw err;
      });
      console.log(JSON.stringify({ orgId: org.orgId, adminToken: org.adminToken }));
      console.error('team-server: keep the admin token safe; it is shown only this once.');
      return 0;
    }
    if (sub === 'purge') {
      const { purgeExpired } = await import('../team/retention.ts');
      console.log(JSON.stringify(await purgeExpired(pool)));
      return 0;
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  if (sub !== 'serve') {
    await pool.end();
    return 0;
  }

  const { startTeamServer } = await import('../team/server.ts');
  const server = await startTeamServer({
    pool, host: values.host, port, tls, purgeIntervalMs: purgeMinutes * 60_000, log: (line) => console.error(line),
  }).catch(async (err: NodeJS.ErrnoException) => {
    await pool.end().catch(() => undefined);
    throw new UserError(`cannot listen on ${values.host}:${port}: ${err.code ?? err.message}`);
  });
  console.error(`team-server: listening on ${server.url} (database ${describeUrl(url)})`);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  console.error('team-server: shutting down');
  await server.close();
  await pool.end();
  return 0;
}
