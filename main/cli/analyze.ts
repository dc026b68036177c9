// `klachtcoach analyze FILE.jsonl [--json] [--rules DIR] [--coach FILE]`: coaching findings for a
// known transcript of the agent's side of a call (the phrase rules, and the timing rules that need
// no customer channel: pace, monologue). Readable lines by default; with --json one
// Finding per line (main/contracts/finding.ts) plus `shown`: whether the live coach would have
// put it on screen (main/coach/replay.ts). Every occurrence is listed, shown or not. Bad lines
// are reported with their number and skipped.
import { parseArgs } from 'node:util';
import type { Finding } from '../contracts/finding.ts';
import { RuleEngine, type EngineOptions } from '../rules/engine.ts';
import { RuleLoadError } from '../rules/loader.ts';
import { DEFAULT_RULES_DIR } from '../rules/default-dir.ts';
import { formatNote, InputFileError } from '../rules/jsonl-file.ts';
import { readTranscript } from '../rules/transcript.ts';
import { transcriptFindings } from '../engine/transcript-findings.ts';
import { UserError } from './user-error.ts';
import { withRulePacing, type CoachConfig } from '../coach/coach-config.ts';
import { replayCoach } from '../coach/replay.ts';
import { CoachConfigError, loadCoachConfig } from '../coach/load-coach-config.ts';

export interface AnalyzeOptions {
  json: boolean;
  rulesDir: string;
  /** rules/coach.yaml by default: the live coach whose choices `shown` replays. */
  coachConfig?: string;
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

/**
 * The live coach's settings for a command (rules/coach.yaml, or `file`), with each rule file's
 * own pacing added; a broken file becomes a message for people.
 */
export function loadCoach(engine: RuleEngine, file?: string): CoachConfig {
  try {
    return withRulePacing(file ? loadCoachConfig(file) : loadCoachConfig(), engine.rules);
  } catch (err) {
    if (err instanceof CoachConfigError) throw new UserError(err.message);
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

/** One finding for people: when, what, the words (or, for timing, the stretch), the tip, and whether it was shown live. */
export function formatFinding(f: Finding, shown: boolean): string {
  const label = f.kind === 'flag' ? 'FLAG  ' : 'PRAISE';
  const what = f.span ? `"${f.span.text}"` : `(${(f.rangeMs.startMs / 1000).toFixed(1)}–${(f.rangeMs.endMs / 1000).toFixed(1)} s)`;
  return `${clock(f.atMs)}  ${label} ${f.behaviour.padEnd(20)} ${what}\n           tip: ${f.tip}  [${f.ruleId}; ${shown ? 'shown live' : 'not shown live'}]`;
}

/** One finding as `analyze` prints it: a JSON line with `shown`, or the readable form. */
export function findingLine(f: Finding, shown: boolean, json: boolean): string {
  return json ? JSON.stringify({ ...f, shown }) : formatFinding(f, shown);
}

/** The closing line of a readable `analyze`: how many flags and praise, and how many the agent would have seen. */
export function countsLine(findings: readonly Finding[], shown: ReadonlySet<Finding>): string {
  const flags = findings.filter((f) => f.kind === 'flag').length;
  return `${flags} flag(s), ${findings.length - flags} praise, ${findings.filter((f) => shown.has(f)).length} shown live`;
}

/**
 * The transcript path of `analyze`, callable by the audio path once it has a transcript.
 * Prints findings to stdout and line problems to stderr; returns the exit code.
 */
export function analyzeTranscriptFile(file: string, opts: AnalyzeOptions): number {
  const engine = loadEngine(opts.rulesDir);
  const read = readInputFile(() => readTranscript(file));
  for (const note of read.notes) console.error(formatNote(file, note));
  const findings = transcriptFindings(engine, read.items.map((i) => i.value));
  const shown = replayCoach(loadCoach(engine, opts.coachConfig), findings);
  for (const f of findings) console.log(findingLine(f, shown.has(f), opts.json));
  if (!opts.json) console.log(`\n${read.items.length} utterances: ${countsLine(findings, shown)}`);
  return read.notes.some((n) => n.level === 'error') ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true, strict: true,
      options: {
        json: { type: 'boolean', default: false }, rules: { type: 'string' }, coach: { type: 'string' },
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
    const engine = loadEngine(v.rules ?? DEFAULT_RULES_DIR);
    return analyzeWavFile(file, {
      engine, coachConfig: loadCoach(engine, v.coach), json: v.json, turns: v.turns, realtime: v.realtime,
      swapChannels: v['swap-channels'], findingLine, countsLine, ...(v.transcript ? { transcript: v.transcript } : {}), ...(v.model ? { model: v.model } : {}),
    });
  }
  const audioOnly = (['transcript', 'realtime', 'turns', 'swap-channels', 'model'] as const).find((o) => parsed.values[o]);
  if (audioOnly) throw new UserError(`--${audioOnly} needs a .wav call`, 2);
  if (!file.endsWith('.jsonl')) throw new UserError(`${file}: expected a call .wav or a transcript .jsonl file`, 2);
  return analyzeTranscriptFile(file, {
    json: parsed.values.json, rulesDir: parsed.values.rules ?? DEFAULT_RULES_DIR, ...(parsed.values.coach ? { coachConfig: parsed.values.coach } : {}),
  });
}
