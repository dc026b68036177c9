// `klachtcoach team`: this desktop's link with the team review server.
//   team enrol --server URL --code CODE [--ca FILE] [--name DEVICE] [--db FILE] [--insecure]
//     (an http:// server is refused unless it is on this machine or --insecure is given)
//   team status [--db FILE] [--json]
// The device token is kept in the call store's SQLite file (team_sync_settings); protecting it
// with the OS keychain (Electron's safeStorage) is the desktop app's job, not this command's.
// `serve` on the same store then syncs in the background.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { openStore, type CallStore } from '../store/open-store.ts';
import { StoreError } from '../store/store-error.ts';
import { defaultStorePath } from '../store/store-path.ts';
import { DesktopSync, describeSync } from '../sync/desktop-sync.ts';
import { TeamClientError } from '../sync/team-client.ts';
import { httpUrlOption, UserError } from './user-error.ts';

const USAGE = 'team enrol --server URL --code CODE [--ca FILE] [--name DEVICE] [--db FILE] [--insecure] | team status [--db FILE] [--json]';

function open(file: string): CallStore {
  try {
    return openStore(file);
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    throw err;
  }
}

function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`--ca ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new UserError(`--ca ${file}: not a PEM certificate (expected a -----BEGIN CERTIFICATE----- block)`);
  return text;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The team server's address, checked. Plain http:// would carry the device token and the agents'
 * moments unencrypted, so it is refused unless the server is on this machine or `insecure` says
 * the person enrolling knows (a test server).
 */
export function checkServerUrl(url: string, insecure = false): { url: string; warning: string | null } {
  const clean = httpUrlOption('server', url, 'https://team.example.nl:8443');
  const u = new URL(clean);
  if (u.protocol === 'https:' || LOOPBACK_NAMES.has(u.hostname)) return { url: clean, warning: null };
  if (!insecure) {
    throw new UserError(
      `--server ${url}: plain http:// would send this desktop's token and the agents' moments unencrypted over the network; `
        + 'use the https:// address of the team server (with --ca FILE for a private certificate), or --insecure for a test server', 2);
  }
  return { url: clean, warning: `team: warning: --insecure: ${u.host} is reached over plain HTTP; the device token and the moments travel unencrypted` };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        server: { type: 'string' }, code: { type: 'string' }, ca: { type: 'string' }, name: { type: 'string' },
        db: { type: 'string' }, json: { type: 'boolean', default: false }, insecure: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\nUsage: klachtcoach ${USAGE}`, 2);
  }
  const { values: v, positionals } = parsed;
  const [sub, ...extra] = positionals;
  if (extra.length > 0 || (sub !== 'enrol' && sub !== 'status')) throw new UserError(`expected "enrol" or "status"\nUsage: klachtcoach ${USAGE}`, 2);
  if (sub === 'enrol') {
    if (!v.server || !v.code) throw new UserError(`enrol needs --server URL and --code CODE (the code comes from the team server's admin)\nUsage: klachtcoach ${USAGE}`, 2);
    const { url: server, warning } = checkServerUrl(v.server, v.insecure);
    if (warning) console.error(warning);
    const ca = v.ca ? readCa(v.ca) : undefined;
    const store = open(v.db ?? defaultStorePath());
    try {
      const e = await DesktopSync.enrol(store, server, v.code.trim(), v.name ?? hostname(), ca);
      console.log(`Enrolled with ${server} as device ${e.deviceId} (agent ${e.agentId}); policy: ${e.policy.sharing}${e.policy.shareSnippets ? ', words shared' : ', no words shared'}.`);
      console.log(`The device token is kept in ${store.file}. \`klachtcoach serve\` on this store now syncs in the background.`);
      return 0;
    } catch (err) {
      if (err instanceof TeamClientError) throw new UserError(`enrolment at ${server} failed: ${err.message}`);
      throw err;
    } finally {
      store.close();
    }
  }
  const store = open(v.db ?? defaultStorePath());
  try {
    const sync = new DesktopSync(store);
    const overview = sync.overview();
    if (v.json) console.log(JSON.stringify(overview, null, 2));
    else console.log(describeSync(overview));
    return 0;
  } finally {
    store.close();
  }
}
