// Fixture generator: renders a scripted two-party Dutch call into a stereo 16 kHz WAV (left =
// agent, right = customer) with `espeak-ng -v nl` and `sox`, and returns the truth: where each
// line really sits, and what it is (interruption, backchannel, customer interruption, quick
// answer, monologue). Optional line noise and crosstalk (each party faintly audible on the other
// channel) make the detectors earn their keep. Rendered calls are cached under .cache/calls/
// keyed by a hash of the script, and each spoken line under .cache/calls/voices/ keyed by its
// voice and text, so tests pay the synthesis cost once (calls that differ only in noise share it).
//
// The truth is where the sound really is: a line starts at its first audible sample (sox trims the
// silence espeak leaves around it) and a cut line ends where it is cut, moved to the next audible
// sample when the cut falls in a pause between words (a speaker cut off mid-word, never mid-pause).
//
//   npx tsx scripts/make-call.ts SCRIPT.json OUT.wav     # prints the truth as JSON
//   npx tsx scripts/make-call.ts --preset NAME OUT.wav   # one of the test calls (test/engine/call-scripts.ts)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { decodeWav, encodeWav16 } from '../main/audio/wav-format.ts';

const RATE = 16_000;
/** Bump when rendering changes, so cached calls are rebuilt. */
const GENERATOR_VERSION = 4;

export const LineLabel = z.enum(['interruption', 'backchannel', 'customer-interruption', 'quick-answer', 'monologue', 'near-end-overlap', 'after-dead-air']);
export type LineLabel = z.infer<typeof LineLabel>;

export const ScriptLine = z.object({
  who: z.enum(['agent', 'customer']),
  text: z.string().min(1),
  /** Start this long after the latest line so far ended (default 700 ms; negative overlaps it). */
  afterMs: z.number().optional(),
  /** Or start this long after the previous line in the script started (to talk into it). */
  intoPreviousMs: z.number().nonnegative().optional(),
  /** Cut the line off after this many ms: the speaker gives way. */
  cutMs: z.number().positive().optional(),
  label: LineLabel.optional(),
}).strict().refine((l) => l.afterMs === undefined || l.intoPreviousMs === undefined, {
  message: 'give afterMs or intoPreviousMs, not both',
});
export type ScriptLine = z.infer<typeof ScriptLine>;

export const CallScript = z.object({
  name: z.string().min(1),
  lines: z.array(ScriptLine).min(1),
  /** White line noise on both channels, dBFS RMS. */
  noiseDb: z.number().max(0).optional(),
  /** Each party leaking into the other's channel, dB relative to the source. */
  crosstalkDb: z.number().max(0).optional(),
  /** Seconds of silence before the first line. */
  leadInMs: z.number().nonnegative().default(500),
}).strict();
export type CallScript = z.input<typeof CallScript>;

export interface TruthLine {
  who: 'agent' | 'customer';
  text: string;
  startMs: number;
  endMs: number;
  label?: LineLabel;
}

export interface CallTruth {
  name: string;
  durationMs: number;
  lines: TruthLine[];
}

export interface RenderedCall {
  wavPath: string;
  truth: CallTruth;
}

export function checkTools(): string | undefined {
  for (const tool of ['espeak-ng', 'sox']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
    } catch {
      return `${tool} is not installed (apt-get install ${tool}); .ci/run installs it`;
    }
  }
  return undefined;
}

/** One spoken line as 16 kHz mono samples, leading and trailing silence removed; cached per voice and text. */
function speak(text: string, who: 'agent' | 'customer', work: string, voiceDir: string): Float32Array {
  // Two distinguishable voices: agent the default Dutch male, customer a female variant, a bit faster.
  const args = ['-v', who === 'agent' ? 'nl' : 'nl+f3', '-s', who === 'agent' ? '165' : '175'];
  const cached = join(voiceDir, `${createHash('sha256').update(JSON.stringify({ v: GENERATOR_VERSION, args, text })).digest('hex').slice(0, 20)}.wav`);
  if (!existsSync(cached)) {
    const raw = join(work, 'line.wav');
    const trimmed = join(work, 'line-16k.wav');
    execFileSync('espeak-ng', [...args, '-w', raw, text]);
    execFileSync('sox', [raw, '-r', String(RATE), '-b', '16', trimmed,
      'silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse']);
    mkdirSync(voiceDir, { recursive: true });
    execFileSync('mv', [trimmed, cached]);
  }
  return decodeWav(readFileSync(cached), cached).channels[0]!;
}

/** Audible: a 5-ms stretch at or above this RMS (about -40 dBFS of the voice as espeak renders it). */
const AUDIBLE_RMS = 0.01;
const AUDIBLE_WINDOW = Math.round(RATE * 0.005);
/** How far past a scripted cut the voice may run on to reach a sound (the end of a pause between words). */
const MAX_CUT_SHIFT = Math.round(RATE * 0.15);

function audibleAt(voice: Float32Array, end: number): boolean {
  let sum = 0;
  for (let i = Math.max(0, end - AUDIBLE_WINDOW); i < end; i++) sum += voice[i]! * voice[i]!;
  return Math.sqrt(sum / AUDIBLE_WINDOW) >= AUDIBLE_RMS;
}

/**
 * Where a line cut after `at` samples really stops sounding: at the cut when the voice is audible
 * there, else at the next audible moment (up to MAX_CUT_SHIFT later), else at the last audible one.
 */
export function audibleCut(voice: Float32Array, at: number): number {
  for (let i = at; i <= Math.min(voice.length, at + MAX_CUT_SHIFT); i += 16) if (audibleAt(voice, i)) return i;
  for (let i = Math.min(at, voice.length); i > AUDIBLE_WINDOW; i -= 16) if (audibleAt(voice, i)) return i;
  return at;
}

/** Deterministic noise so a cached and a fresh rendering are identical. */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return (s / 0xffffffff) * 2 - 1;
  };
}

export function layoutAndMix(script: z.output<typeof CallScript>, voices: Float32Array[]): { channels: [Float32Array, Float32Array]; truth: CallTruth } {
  const lines: TruthLine[] = [];
  let latestEnd = script.leadInMs;
  script.lines.forEach((line, i) => {
    const voiced = voices[i]!;
    const previous = lines[i - 1];
    const startMs = line.intoPreviousMs !== undefined && previous
      ? previous.startMs + line.intoPreviousMs
      : latestEnd + (line.afterMs ?? 700);
    const cutAt = line.cutMs === undefined ? voiced.length : Math.min(voiced.length, audibleCut(voiced, Math.round((line.cutMs / 1000) * RATE)));
    const lengthMs = (cutAt / RATE) * 1000;
    const truth: TruthLine = { who: line.who, text: line.text, startMs: Math.round(startMs), endMs: Math.round(startMs + lengthMs), ...(line.label ? { label: line.label } : {}) };
    lines.push(truth);
    latestEnd = Math.max(latestEnd, truth.endMs);
  });
  const durationMs = latestEnd + 1000;
  const total = Math.ceil((durationMs / 1000) * RATE);
  const agent = new Float32Array(total);
  const customer = new Float32Array(total);
  lines.forEach((line, i) => {
    const target = line.who === 'agent' ? agent : customer;
    const voiced = voices[i]!;
    const start = Math.round((line.startMs / 1000) * RATE);
    const length = Math.min(voiced.length, Math.round(((line.endMs - line.startMs) / 1000) * RATE));
    const fade = Math.min(160, length); // 10 ms fade-out where a line is cut, so the cut is no click
    for (let j = 0; j < length && start + j < total; j++) {
      const gain = length - j < fade && length < voiced.length ? (length - j) / fade : 1;
      target[start + j]! += voiced[j]! * gain * 0.5;
    }
  });
  if (script.crosstalkDb !== undefined) {
    const leak = 10 ** (script.crosstalkDb / 20);
    const a = agent.slice();
    for (let j = 0; j < total; j++) {
      agent[j]! += customer[j]! * leak;
      customer[j]! += a[j]! * leak;
    }
  }
  if (script.noiseDb !== undefined) {
    // Uniform noise in [-1, 1] has RMS 1/sqrt(3).
    const amplitude = 10 ** (script.noiseDb / 20) * Math.sqrt(3);
    const rand = noise(0x5eed);
    for (let j = 0; j < total; j++) {
      agent[j]! += rand() * amplitude;
      customer[j]! += rand() * amplitude;
    }
  }
  return { channels: [agent, customer], truth: { name: script.name, durationMs, lines } };
}

export function scriptHash(script: CallScript): string {
  return createHash('sha256').update(JSON.stringify({ v: GENERATOR_VERSION, script })).digest('hex').slice(0, 16);
}

/** Renders (or reuses from cacheDir) a scripted call. */
export function renderCall(input: CallScript, cacheDir = resolve('.cache/calls')): RenderedCall {
  const script = CallScript.parse(input);
  const hash = scriptHash(input);
  const wavPath = join(cacheDir, `${script.name}-${hash}.wav`);
  const truthPath = join(cacheDir, `${script.name}-${hash}.json`);
  if (existsSync(wavPath) && existsSync(truthPath)) {
    return { wavPath, truth: JSON.parse(readFileSync(truthPath, 'utf8')) as CallTruth };
  }
  const missing = checkTools();
  if (missing) throw new Error(missing);
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'make-call-'));
  try {
    const voices = script.lines.map((line) => speak(line.text, line.who, work, join(cacheDir, 'voices')));
    const { channels, truth } = layoutAndMix(script, voices);
    // Write to a temp name first: a concurrent test must never read a half-written cache file.
    writeFileSync(`${wavPath}.part`, encodeWav16(channels, RATE));
    writeFileSync(truthPath, JSON.stringify(truth, null, 1));
    execFileSync('mv', [`${wavPath}.part`, wavPath]);
    return { wavPath, truth };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function readScript(args: string[]): Promise<{ script?: CallScript; out?: string; error?: string }> {
  if (args[0] === '--preset') {
    const presets = Object.values(await import('../test/engine/call-scripts.ts')) as CallScript[];
    const script = presets.find((p) => p.name === args[1]);
    if (!script) return { error: `unknown preset "${args[1]}"; known: ${presets.map((p) => p.name).join(', ')}` };
    return { script, out: args[2] };
  }
  const [file, out] = args;
  if (!file) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return { error: `${file}: ${(err as Error).message}` };
  }
  const parsed = CallScript.safeParse(raw);
  if (!parsed.success) return { error: `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  return { script: parsed.data, out };
}

async function cli(args: string[]): Promise<number> {
  const { script, out, error } = await readScript(args);
  if (error) {
    console.error(error);
    return 1;
  }
  if (!script || !out) {
    console.error('usage: npx tsx scripts/make-call.ts SCRIPT.json OUT.wav | --preset NAME OUT.wav');
    return 2;
  }
  const rendered = renderCall(script);
  writeFileSync(out, readFileSync(rendered.wavPath));
  console.log(JSON.stringify(rendered.truth, null, 1));
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  process.exitCode = await cli(process.argv.slice(2));
}
