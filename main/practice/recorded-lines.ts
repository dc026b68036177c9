// The customer's recorded voice: trainers record their own lines as `<lineId>.wav`, `.ogg` or
// `.opus` (Ogg/Opus) in a folder named after the scenario, beside its YAML file
// (scenarios/nl/lekkage-derde-keer/opening.wav). A recording's length is the time the customer
// takes to say the line, so turn-taking follows the real voice. A recording whose name is no line
// of the scenario, or that cannot be read, is a problem reported like any scenario problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { decodeWav } from '../audio/wav-format.ts';
import { RuleProblem } from '../rules/loader.ts';
import type { LoadedScenario } from './load-scenarios.ts';
import { OPENING_LINE_ID } from './practice-session.ts';

export interface RecordedLine {
  file: string;
  durationMs: number;
}

const AUDIO = new Set(['.wav', '.ogg', '.opus']);

/** The folder a scenario's recordings live in. */
export function recordingDir(loaded: Pick<LoadedScenario, 'file' | 'scenario'>): string {
  return join(loaded.file, '..', loaded.scenario.id);
}

/** Opus always counts granules at 48 kHz; the first `pre-skip` of them are not played. */
function oggOpusMs(bytes: Buffer): number {
  if (bytes.indexOf('OpusHead') < 0) throw new Error('not an Ogg/Opus file (no OpusHead)');
  const preSkip = bytes.readUInt16LE(bytes.indexOf('OpusHead') + 10);
  const last = bytes.lastIndexOf('OggS');
  if (last < 0 || last + 14 > bytes.length) throw new Error('no Ogg page');
  const granule = Number(bytes.readBigInt64LE(last + 6));
  if (granule <= preSkip) throw new Error('the recording is empty');
  return ((granule - preSkip) / 48_000) * 1000;
}

export function recordingMs(file: string): number {
  const bytes = readFileSync(file);
  if (extname(file).toLowerCase() === '.wav') {
    const wav = decodeWav(bytes, basename(file));
    return ((wav.channels[0]?.length ?? 0) / wav.sampleRate) * 1000;
  }
  return oggOpusMs(bytes);
}

/** The scenario's recorded lines by line id (the opening as "opening"), and the problems found. */
export function findRecordedLines(loaded: Pick<LoadedScenario, 'file' | 'scenario'>): { lines: Map<string, RecordedLine>; problems: RuleProblem[] } {
  const dir = recordingDir(loaded);
  const lines = new Map<string, RecordedLine>();
  const problems: RuleProblem[] = [];
  if (!existsSync(dir)) return { lines, problems };
  const ids = new Set([OPENING_LINE_ID, ...loaded.scenario.lines.map((l) => l.id)]);
  for (const name of readdirSync(dir).sort()) {
    const ext = extname(name).toLowerCase();
    if (!AUDIO.has(ext)) continue;
    const file = join(dir, name);
    const id = name.slice(0, -ext.length);
    const report = (message: string): void => void problems.push(new RuleProblem(file, 1, 'recording', message));
    if (!ids.has(id)) {
      report(`"${id}" is no line of ${loaded.scenario.id} (name a recording after a line id, or "${OPENING_LINE_ID}")`);
      continue;
    }
    if (lines.has(id)) {
      report(`a second recording of "${id}" (keep one of ${[...AUDIO].map((e) => id + e).join(', ')})`);
      continue;
    }
    try {
      lines.set(id, { file, durationMs: Math.round(recordingMs(file)) });
    } catch (err) {
      report(`cannot be read: ${(err as Error).message}`);
    }
  }
  return { lines, problems };
}
