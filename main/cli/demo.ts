// `klachtcoach demo` (also `npm run demo`): `serve` with the bundled sample call played in real
// time, over and over, so a tablet can be paired and tips watched without a microphone or a model.
// A demo records nothing unless --db FILE is given: the same synthetic call every 45 s would
// otherwise fill the agent's real call history (and supervisors' review list) with noise. With
// --db the demo shows the whole loop, review screens included, on a store of its own.
import { parseServeArgs, serve, type ServeOptions } from './serve.ts';
import { projectPath } from '../project-root.ts';

const SAMPLE = `${projectPath('resources', 'sample-call')}/`;

/** serve's options for the demo: the sample call on a loop, and no recording unless --db is given. */
export function demoOptions(args: string[]): ServeOptions {
  const chosen = args.some((a) => a === '--db' || a.startsWith('--db=') || a === '--no-store');
  return parseServeArgs(['--wav', `${SAMPLE}call.wav`, '--transcript', `${SAMPLE}call.jsonl`, '--loop', ...(chosen ? [] : ['--no-store']), ...args]);
}

export async function run(args: string[]): Promise<number> {
  return serve(demoOptions(args));
}
