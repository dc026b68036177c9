import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { checkScenarios, timingRuntimes } from '../../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../../main/practice/load-scenarios.ts';
import { PracticeRounds } from '../../main/practice/practice-rounds.ts';
import { findRecordedLines, recordingMs } from '../../main/practice/recorded-lines.ts';
import { DEFAULT_SCENARIOS_DIR } from '../../main/practice/scenario-dir.ts';

const espeak = existsSync('/usr/bin/espeak-ng');
if (!espeak) console.warn('recorded lines: the WAV cases are skipped, espeak-ng is not installed');

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A scenario folder holding the shipped lekkage scenario and the given recordings. */
function folder(recordings: Record<string, string | Buffer>): string {
  dir = mkdtempSync(join(tmpdir(), 'kc-rec-'));
  mkdirSync(join(dir, 'nl', 'lekkage-derde-keer'), { recursive: true });
  copyFileSync(join(DEFAULT_SCENARIOS_DIR, 'nl', 'lekkage-derde-keer.yaml'), join(dir, 'nl', 'lekkage-derde-keer.yaml'));
  for (const [name, content] of Object.entries(recordings)) {
    const file = join(dir, 'nl', 'lekkage-derde-keer', name);
    if (typeof content === 'string' && content.startsWith('say:')) execFileSync('espeak-ng', ['-v', 'nl', '-w', file, content.slice(4)]);
    else writeFileSync(file, content);
  }
  return dir;
}

/** An Ogg stream as an Opus encoder writes it: OpusHead (with its pre-skip) first, the last page's granule last. */
function oggOpus(playedMs: number, preSkip = 312): Buffer {
  const page = (granule: bigint, body: Buffer): Buffer => {
    const head = Buffer.alloc(27);
    head.write('OggS', 0, 'ascii');
    head.writeBigInt64LE(granule, 6);
    return Buffer.concat([head, body]);
  };
  const opusHead = Buffer.alloc(19);
  opusHead.write('OpusHead', 0, 'ascii');
  opusHead.writeUInt8(1, 8);
  opusHead.writeUInt8(1, 9);
  opusHead.writeUInt16LE(preSkip, 10);
  return Buffer.concat([page(0n, opusHead), page(BigInt(preSkip + (playedMs * 48)), Buffer.alloc(40))]);
}

describe('recorded customer lines', () => {
  it.skipIf(!espeak)('finds a scenario\'s recordings by line id, with their length, and times the customer by them', () => {
    const found = findRecordedLines(loadScenariosOrThrow(folder({ 'opening.wav': 'say:Ja met mevrouw Jansen', 'boos.opus': oggOpus(2500) }))[0]!);
    expect(found.problems).toEqual([]);
    expect([...found.lines.keys()].sort()).toEqual(['boos', 'opening']);
    expect(found.lines.get('boos')!.durationMs).toBe(2500);
    const openingMs = found.lines.get('opening')!.durationMs;
    expect(openingMs).toBeGreaterThan(800);
    expect(openingMs).toBe(Math.round(recordingMs(found.lines.get('opening')!.file)));

    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const scenario = loadScenariosOrThrow(dir)[0]!.scenario;
    let clockMs = 0;
    const rounds = new PracticeRounds({
      scenarios: [scenario], engine, timingRules: timingRuntimes(engine), coachConfig: DEFAULT_COACH_CONFIG,
      recordings: new Map([[scenario.id, found.lines]]), now: () => clockMs,
    });
    const opening = rounds.start(scenario.id, false);
    // The customer speaks as long as the recording lasts, not as long as the words would take.
    expect(opening.customer).toMatchObject({ lineId: 'opening', recorded: true, speakingMs: openingMs });
    expect(rounds.scenarios()[0]!.recordedLines).toBe(2);
    expect(rounds.recording(scenario.id, 'opening')).toBe(found.lines.get('opening')!.file);
    expect(rounds.recording(scenario.id, 'rustiger')).toBeNull();
    clockMs += 60_000; // the trainee answers after the customer finished
    const next = rounds.say(opening.roundId, 'Daar ga ik niet over, dat heeft de directie zo besloten.');
    expect(next.customer).toMatchObject({ lineId: 'boos', recorded: true, speakingMs: 2500 });
  });

  it('reports a recording that is no line, cannot be read, or is there twice, and rules check does too', () => {
    const found = findRecordedLines(loadScenariosOrThrow(folder({
      'bozig.wav': oggOpus(1000), 'boos.ogg': Buffer.from('OggS but no Opus'), 'details.wav': Buffer.from('RIFF'),
      'opening.ogg': oggOpus(1000), 'opening.opus': oggOpus(1200), 'notities.txt': 'not audio',
    }))[0]!);
    const rel = found.problems.map((p) => p.toString().replace(/^.*?\/nl\//, '/nl/'));
    expect(rel).toEqual([
      '/nl/lekkage-derde-keer/boos.ogg:1: recording: cannot be read: not an Ogg/Opus file (no OpusHead)',
      '/nl/lekkage-derde-keer/bozig.wav:1: recording: "bozig" is no line of lekkage-derde-keer (name a recording after a line id, or "opening")',
      expect.stringMatching(/^\/nl\/lekkage-derde-keer\/details\.wav:1: recording: cannot be read: details\.wav: only 4 bytes, too short for a WAV header$/),
      '/nl/lekkage-derde-keer/opening.opus:1: recording: a second recording of "opening" (keep one of opening.wav, opening.ogg, opening.opus)',
    ]);
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const check = checkScenarios(dir, engine, DEFAULT_COACH_CONFIG);
    expect(check.problems.map(String).filter((p) => p.includes(': recording: '))).toHaveLength(4);
  });
});
