// `klachtcoach demo` (also `npm run demo`): `serve` with the bundled sample call played in real
// time, over and over, so a tablet can be paired and tips watched without a microphone or a model.
import { fileURLToPath } from 'node:url';
import { parseServeArgs, serve } from './serve.ts';

const SAMPLE = fileURLToPath(new URL('../../resources/sample-call/', import.meta.url));

export async function run(args: string[]): Promise<number> {
  const opts = parseServeArgs(['--wav', `${SAMPLE}call.wav`, '--transcript', `${SAMPLE}call.jsonl`, '--loop', ...args]);
  return serve(opts);
}
