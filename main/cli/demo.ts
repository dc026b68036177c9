// `klachtcoach demo` (also `npm run demo`): `serve` with the bundled sample call played in real
// time, over and over, so a tablet can be paired and tips watched without a microphone or a model.
// By default the demo records into a temporary call store of its own, with a supervisor account
// made up for it, so the whole loop can be seen (the summary, Mijn momenten and the review
// screens) without filling the agent's real call history with the same synthetic call every
// 45 s; the store is deleted when the demo stops. `--db FILE` records into that store instead,
// `--no-store` records nothing.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../review/password.ts';
import { openStore } from '../store/open-store.ts';
import { addSupervisor } from '../store/supervisors.ts';
import { parseServeArgs, serve, type ServeOptions } from './serve.ts';
import { projectPath } from '../project-root.ts';

const SAMPLE = `${projectPath('resources', 'sample-call')}/`;
export const DEMO_SUPERVISOR = 'demo';

/** serve's options for the demo: the sample call on a loop, into `tempDb` unless --db or --no-store is given. */
export function demoOptions(args: string[], tempDb: string | null = null): ServeOptions {
  return parseServeArgs(['--wav', `${SAMPLE}call.wav`, '--transcript', `${SAMPLE}call.jsonl`, '--loop', ...(tempDb ? ['--db', tempDb] : []), ...args]);
}

/** Whether the arguments choose where (or whether) to record; otherwise the demo makes a temporary store. */
export function choosesStore(args: readonly string[]): boolean {
  return args.some((a) => a === '--db' || a.startsWith('--db=') || a === '--no-store');
}

/** A fresh call store with one supervisor for the demo's review screens; returns the password. */
async function prepareDemoStore(file: string): Promise<string> {
  const password = randomBytes(12).toString('base64url');
  const store = openStore(file);
  try {
    addSupervisor(store, DEMO_SUPERVISOR, await hashPassword(password));
  } finally {
    store.close();
  }
  return password;
}

export async function run(args: string[]): Promise<number> {
  if (choosesStore(args)) return serve(demoOptions(args));
  const dir = mkdtempSync(join(tmpdir(), 'klachtcoach-demo-'));
  const db = join(dir, 'calls.sqlite');
  try {
    const options = demoOptions(args, db); // bad arguments are refused before anything is made
    const password = await prepareDemoStore(db);
    console.log(`Demo: the sample call is recorded in a temporary call store (${db}), deleted when the demo stops.`);
    // Under the review link, where it is needed, not scrolled away above the QR code.
    return await serve({ ...options, reviewSignIn: `sign in to the review screens as "${DEMO_SUPERVISOR}" with password ${password}` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
