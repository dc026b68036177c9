// `klachtcoach review`: the supervisor review screens over HTTP, and the store's admin tasks.
//   review [serve] [--db FILE] [--host 127.0.0.1] [--port 8787] [--hostname NAME]... [--static dist/renderer] [--cert FILE --key FILE]
//   review add-supervisor NAME [--db FILE]          (password read from stdin, first line)
//   review retention [--snippet-days N] [--finding-days N] [--db FILE]   (show or set, then purge)
//   review export-agent AGENT [--out FILE] [--db FILE]   (the agent's own data as JSON)
//   review delete-call CALL_ID [--db FILE]
//   review export-marks [--out FILE] [--db FILE]   (supervisors' verdicts as labelled lines for `npm run train -- --extra`)
// `rules stats` is also implemented here (runRulesStats) because it reads the call store.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UserError } from './user-error.ts';
import { openStore, type CallStore } from '../store/open-store.ts';
import { defaultStorePath } from '../store/store-path.ts';
import { StoreError } from '../store/store-error.ts';
import { addSupervisor, countSupervisors, setSupervisorPassword, supervisorPasswordHash } from '../store/supervisors.ts';
import { purgeExpired, readRetention, startAutomaticPurge, writeRetention } from '../store/retention.ts';
import { deleteCall, exportAgentData } from '../store/agent-data.ts';
import { formatRuleStats, ruleStats } from '../store/rule-stats.ts';
import { markedLines } from '../store/marked-lines.ts';
import { startReviewServer } from '../review/review-server.ts';
import { REVIEW_BASE_PATH } from '../review/review-handler.ts';
import { checkPasswordStrength, hashPassword } from '../review/password.ts';
import { projectPath } from '../project-root.ts';

const USAGE = 'review [serve|add-supervisor NAME|retention|export-agent AGENT|delete-call ID|export-marks] [--db FILE] ...';

/**
 * Opens the call store. Commands that only read or remove data pass `mustExist`, so a mistyped
 * --db names the missing file instead of silently creating an empty store there.
 */
function open(db: string | undefined, mustExist = false): CallStore {
  const path = db ?? defaultStorePath();
  if (mustExist && !existsSync(path)) {
    throw new UserError(`${path}: no call store here (no call recorded yet, or a wrong --db)`);
  }
  try {
    return openStore(path);
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    throw err;
  }
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

function parse(args: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' }, ...options }, allowPositionals: true, strict: true });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    throw new UserError(`${(err as Error).message}\nUsage: klachtcoach ${USAGE}`, 2);
  }
}

async function readFirstLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Wachtwoord (wordt getoond; gebruik liever een pipe): ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function serve(args: string[]): Promise<number> {
  const { values } = parse(args, {
    host: { type: 'string' }, port: { type: 'string' }, static: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' },
    hostname: { type: 'string', multiple: true },
  });
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const port = Number((values.port as string | undefined) ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port: "${String(values.port)}" is not a port number`, 2);
  // By default the build next to this source tree, whatever the working folder (the desktop app
  // starts this command from its own folder).
  const staticDir = values.static ? resolve(values.static as string) : projectPath('dist', 'renderer');
  const store = open(values.db as string | undefined);
  if (countSupervisors(store) === 0) {
    console.error('review: no supervisor accounts yet; add one with `klachtcoach review add-supervisor NAME` (password on stdin)');
  }
  const tls = readTls(values.cert as string | undefined, values.key as string | undefined);
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (!tls && !loopback) {
    console.error(`review: warning: plain HTTP on ${host} sends passwords and call data unencrypted over the network; pass --cert and --key`);
  }
  const stopPurge = startAutomaticPurge(store);
  let server;
  try {
    server = await startReviewServer({ store, staticDir, host, port, tls, hostNames: (values.hostname as string[] | undefined) ?? [] });
  } catch (err) {
    stopPurge();
    store.close();
    throw new UserError(`cannot listen on ${host}:${port}: ${(err as Error).message}`);
  }
  console.log(`review: serving ${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${server.port}${REVIEW_BASE_PATH}/ (store ${store.file})`);
  console.log(`review: answers only to the host names ${[...server.allowed.names].join(', ')} (add a DNS name with --hostname NAME)`);
  await new Promise<void>((done) => {
    const stop = (): void => {
      stopPurge();
      void server.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  store.close();
  return 0;
}

function readTls(cert: string | undefined, key: string | undefined): { cert: Buffer; key: Buffer } | null {
  if (!cert && !key) return null;
  if (!cert || !key) throw new UserError('--cert and --key go together', 2);
  const read = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new UserError(`${what} ${file}: ${(err as Error).message}`);
    }
  };
  return { cert: read(cert, '--cert'), key: read(key, '--key') };
}

async function addSupervisorCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { reset: { type: 'boolean' } });
  const name = positionals[0];
  if (!name) throw new UserError('add-supervisor needs a NAME', 2);
  const password = await readFirstLine();
  const weak = checkPasswordStrength(password);
  if (weak) throw new UserError(`add-supervisor: ${weak}`);
  const store = open(values.db as string | undefined);
  try {
    const hash = await hashPassword(password);
    if (values.reset) setSupervisorPassword(store, name, hash);
    else if (supervisorPasswordHash(store, name) !== null) throw new UserError(`supervisor "${name}" already exists; use --reset to set a new password`);
    else addSupervisor(store, name, hash);
    console.log(`review: supervisor "${name}" ${values.reset ? 'has a new password' : 'added'} in ${store.file}`);
    return 0;
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    if ((err as { name?: string }).name === 'ZodError') throw new UserError(`add-supervisor: ${(err as { issues: { message: string }[] }).issues[0]?.message}`);
    throw err;
  } finally {
    store.close();
  }
}

function retentionCommand(args: string[]): number {
  const { values } = parse(args, { 'snippet-days': { type: 'string' }, 'finding-days': { type: 'string' } });
  const store = open(values.db as string | undefined);
  try {
    const current = readRetention(store);
    const snippet = values['snippet-days'] as string | undefined;
    const finding = values['finding-days'] as string | undefined;
    if (snippet !== undefined || finding !== undefined) {
      writeRetention(store, {
        snippetDays: snippet !== undefined ? Number(snippet) : current.snippetDays,
        findingDays: finding !== undefined ? Number(finding) : current.findingDays,
      });
    }
    const policy = readRetention(store);
    const purged = purgeExpired(store);
    console.log(`retention: snippets ${policy.snippetDays} days, findings ${policy.findingDays} days`);
    console.log(`purged now: ${purged.snippetsErased} snippets erased, ${purged.findingsDeleted} findings, ${purged.turnSegmentsDeleted} turn segments and ${purged.callsDeleted} calls deleted`
      + `; team outbox: ${purged.outboxWordsErased} moments' words erased, ${purged.outboxItemsDeleted} items deleted`
      + `; practice: ${purged.practiceWordsErased} rounds' words erased, ${purged.practiceRoundsDeleted} rounds deleted`);
    return 0;
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    throw err;
  } finally {
    store.close();
  }
}

function exportAgentCommand(args: string[]): number {
  const { values, positionals } = parse(args, { out: { type: 'string' } });
  const agent = positionals[0];
  if (!agent) throw new UserError('export-agent needs an AGENT id', 2);
  const store = open(values.db as string | undefined, true);
  try {
    const json = `${JSON.stringify(exportAgentData(store, agent), null, 2)}\n`;
    const out = values.out as string | undefined;
    if (out) {
      writeFileSync(out, json);
      console.error(`review: wrote the data of ${agent} to ${out}`);
    } else process.stdout.write(json);
    return 0;
  } finally {
    store.close();
  }
}

/** `review export-marks`: one JSON line per marked utterance, the format `npm run train -- --extra` reads. */
function exportMarksCommand(args: string[]): number {
  const { values, positionals } = parse(args, { out: { type: 'string' } });
  if (positionals.length > 0) throw new UserError(`unexpected argument "${positionals[0]}"`, 2);
  const store = open(values.db as string | undefined, true);
  try {
    const { lines, withoutWords } = markedLines(store);
    const jsonl = lines.map((l) => `${JSON.stringify(l)}\n`).join('');
    const out = values.out as string | undefined;
    if (out) writeFileSync(out, jsonl);
    else process.stdout.write(jsonl);
    const skipped = withoutWords > 0 ? `; ${withoutWords} marked finding(s) skipped, their words are gone (retention)` : '';
    console.error(`review: ${lines.length} marked line(s)${out ? ` written to ${out}` : ''}${skipped}. Train with: npm run train -- --extra ${out ?? 'FILE'}`);
    return 0;
  } finally {
    store.close();
  }
}

function deleteCallCommand(args: string[]): number {
  const { values, positionals } = parse(args, {});
  const callId = positionals[0];
  if (!callId) throw new UserError('delete-call needs a CALL_ID', 2);
  const store = open(values.db as string | undefined, true);
  try {
    deleteCall(store, callId, process.env.USER ?? 'cli');
    console.log(`review: deleted call ${callId} with its snippets, findings and marks`);
    return 0;
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(err.message);
    throw err;
  } finally {
    store.close();
  }
}

/** `klachtcoach rules stats [--db FILE] [--json]`: per rule, fired and marked-wrong counts. */
export async function runRulesStats(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const store = open(values.db as string | undefined, true);
  try {
    const stats = ruleStats(store);
    if (values.json) for (const s of stats) console.log(JSON.stringify(s));
    else console.log(formatRuleStats(stats));
    return 0;
  } finally {
    store.close();
  }
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case undefined:
      return serve([]);
    case 'serve':
      return serve(rest);
    case 'add-supervisor':
      return addSupervisorCommand(rest);
    case 'retention':
      return retentionCommand(rest);
    case 'export-agent':
      return exportAgentCommand(rest);
    case 'delete-call':
      return deleteCallCommand(rest);
    case 'export-marks':
      return exportMarksCommand(rest);
    default:
      if (sub.startsWith('--')) return serve(args);
      throw new UserError(`unknown subcommand "${sub}"\nUsage: klachtcoach ${USAGE}`, 2);
  }
}
