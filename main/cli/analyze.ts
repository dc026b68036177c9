// `klachtcoach analyze FILE.jsonl [--json] [--rules DIR]`: coaching findings for a known
// transcript of the agent's side of a call. Readable lines by default; with --json one Finding
// per line (main/contracts/finding.ts). Bad lines are reported with their number and skipped.
import { parseArgs } from 'node:util';
import type { Finding } from '../contracts/finding.ts';
import { RuleEngine, type EngineOptions } from '../rules/engine.ts';
import { RuleLoadError } from '../rules/loader.ts';
import { DEFAULT_RULES_DIR } from '../rules/default-dir.ts';
import { formatNote, InputFileError } from '../rules/jsonl-file.ts';
import { analyzeTranscript, readTranscript } from '../rules/transcript.ts';
import { UserError } from './user-error.ts';

export interface AnalyzeOptions {
  json: boolean;
  rulesDir: string;
}

/** Loads the rule set for a command, turning broken rule files into a message for people. */
export function loadEngine(rulesDir: string, opts: EngineOptions = {}): RuleEngine {
  try {
    return RuleEngine.fromDir(rulesDir, opts);
  } catch (err) {
    if (err instanceof RuleLoadError) throw new UserError(err.message);
    throw err;
  }
}

/** Reads a JSON-lines input file for a command, turning a whole-file problem into a message for people. */
export function readInputFile<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof InputFileError) throw new UserError(err.message);
    throw err;
  }
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${String(Math.floor(ms % 1000 / 100))}`;
}

export function formatFinding(f: Finding): string {
  const label = f.kind === 'flag' ? 'FLAG  ' : 'PRAISE';
  const words = f.span ? `"${f.span.text}"` : '';
  return `${clock(f.atMs)}  ${label} ${f.behaviour.padEnd(20)} ${words}\n           tip: ${f.tip}  [${f.ruleId}]`;
}

/**
 * The transcript path of `analyze`, callable by the audio path once it has a transcript.
 * Prints findings to stdout and line problems to stderr; returns the exit code.
 */
export function analyzeTranscriptFile(file: string, opts: AnalyzeOptions): number {
  const engine = loadEngine(opts.rulesDir);
  const read = readInputFile(() => readTranscript(file));
  for (const note of read.notes) console.error(formatNote(file, note));
  const findings = analyzeTranscript(engine, read.items.map((i) => i.value));
  printFindings(findings, opts.json, read.items.length);
  return read.notes.some((n) => n.level === 'error') ? 1 : 0;
}

export function printFindings(findings: readonly Finding[], json: boolean, utteranceCount: number): void {
  if (json) {
    for (const f of findings) console.log(JSON.stringify(f));
    return;
  }
  for (const f of findings) console.log(formatFinding(f));
  const flags = findings.filter((f) => f.kind === 'flag').length;
  console.log(`\n${utteranceCount} utterances: ${flags} flag(s), ${findings.length - flags} praise`);
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        json: { type: 'boolean', default: false }, rules: { type: 'string' },
        // Audio path (main/engine/analyze-wav-file.ts)
        transcript: { type: 'string' }, realtime: { type: 'boolean', default: false },
        turns: { type: 'boolean', default: false }, 'swap-channels': { type: 'boolean', default: false }, model: { type: 'string' },
      },
    });
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  const [file, ...extra] = parsed.positionals;
  if (!file) throw new UserError('missing FILE; usage: klachtcoach analyze FILE.wav|FILE.jsonl [--json]', 2);
  if (extra.length > 0) throw new UserError(`unexpected argument "${extra[0]}"`, 2);
  if (/\.wav$/i.test(file)) {
    const { analyzeWavFile } = await import('../engine/analyze-wav-file.ts');
    const v = parsed.values;
    return analyzeWavFile(file, {
      engine: loadEngine(v.rules ?? DEFAULT_RULES_DIR), json: v.json, turns: v.turns, realtime: v.realtime,
      swapChannels: v['swap-channels'], formatFinding, ...(v.transcript ? { transcript: v.transcript } : {}), ...(v.model ? { model: v.model } : {}),
    });
  }
  const audioOnly = (['transcript', 'realtime', 'turns', 'swap-channels', 'model'] as const).find((o) => parsed.values[o]);
  if (audioOnly) throw new UserError(`--${audioOnly} needs a .wav call`, 2);
  if (!file.endsWith('.jsonl')) throw new UserError(`${file}: expected a call .wav or a transcript .jsonl file`, 2);
  return analyzeTranscriptFile(file, { json: parsed.values.json, rulesDir: parsed.values.rules ?? DEFAULT_RULES_DIR });
}
