// `klachtcoach analyze call.wav` end to end, as a user runs it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkTools, renderCall } from '../../scripts/make-call.ts';
import { decodeWav, encodeWav16 } from '../../main/audio/wav-format.ts';
import { Finding } from '../../main/contracts/finding.ts';
import { interruptionsCall } from './call-scripts.ts';

const missing = checkTools();
if (missing) console.log(`skipping analyze CLI tests on generated calls: ${missing}`);

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['scripts/dev-cli.mjs', 'analyze', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
// A known transcript with nothing in it keeps an installed speech model out of these tests.
writeFileSync(join(dir, 'none.jsonl'), `${JSON.stringify({ startMs: 0, endMs: 1, text: 'ja' })}\n`);

describe('klachtcoach analyze FILE.wav', () => {
  it('refuses a broken WAV with the file and the problem, exit 1', () => {
    const bad = join(dir, 'broken.wav');
    writeFileSync(bad, Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(3)]));
    const r = cli(bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`klachtcoach analyze: ${bad}: truncated: the chunk at byte 12 is cut off before its fmt chunk`);
  });

  it.skipIf(missing !== undefined)('prints one Finding per line with --json, phrase findings from --transcript in the same timeline', () => {
    const { wavPath } = renderCall(interruptionsCall);
    const transcript = join(dir, 'agent.jsonl');
    writeFileSync(transcript, `${JSON.stringify({ startMs: 1200, endMs: 5300, text: 'Nee, dat kan niet.' })}\n`);
    const r = cli(wavPath, '--json', '--transcript', transcript);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const findings = r.stdout.trim().split('\n').map((line) => Finding.parse(JSON.parse(line)));
    expect(findings.filter((f) => f.behaviour === 'onderbreken')).toHaveLength(2);
    expect(findings[0]).toMatchObject({ behaviour: 'nee_verkopen', source: 'text', atMs: 5300 });
    expect(findings.map((f) => f.atMs)).toEqual([...findings.map((f) => f.atMs)].sort((a, b) => a - b));
  });

  it.skipIf(missing !== undefined)('adds turn events and the call summary with --turns', () => {
    const r = cli(renderCall(interruptionsCall).wavPath, '--json', '--turns', '--transcript', join(dir, 'none.jsonl'));
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const turns = lines.filter((l) => 'turn' in l).map((l) => l.turn as { type: string });
    expect(turns.filter((t) => t.type === 'overlap').length).toBeGreaterThanOrEqual(4);
    expect(turns.filter((t) => t.type === 'speech-start').length).toBeGreaterThanOrEqual(10);
    expect(lines.at(-1)).toHaveProperty('summary.agentShare');
  });

  it.skipIf(missing !== undefined)('with --realtime plays the call at 1x and reports the frame-to-emit delay', () => {
    // The first 11 s of the call hold one interruption: ~11 s of wall time.
    const full = decodeWav(readFileSync(renderCall(interruptionsCall).wavPath), 'call');
    const cut = join(dir, 'short.wav');
    writeFileSync(cut, encodeWav16(full.channels.map((c) => c.subarray(0, 16000 * 11)), 16000));
    const started = Date.now();
    const r = cli(cut, '--json', '--realtime', '--transcript', join(dir, 'none.jsonl'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_500); // it really waited for the audio
    const findings = r.stdout.trim().split('\n').map((line) => Finding.parse(JSON.parse(line)));
    expect(findings.filter((f) => f.source === 'timing').map((f) => f.behaviour)).toEqual(['onderbreken']);
    expect(r.stderr).toMatch(/realtime: \d+ finding\(s\), frame-to-emit delay median [\d.]+ ms, p95 [\d.]+ ms/);
  });

  it.skipIf(missing !== undefined)('with --swap-channels hears the right channel as the agent', () => {
    const { wavPath, truth } = renderCall(interruptionsCall);
    const r = cli(wavPath, '--json', '--swap-channels', '--transcript', join(dir, 'none.jsonl'));
    // With the roles swapped, the customer's interruption is now "the agent" cutting in.
    const flags = r.stdout.trim().split('\n').filter(Boolean).map((line) => Finding.parse(JSON.parse(line)))
      .filter((f) => f.behaviour === 'onderbreken');
    const customerInterruption = truth.lines.find((l) => l.label === 'customer-interruption')!;
    expect(flags).toHaveLength(1);
    expect(Math.abs(flags[0]!.rangeMs!.startMs - customerInterruption.startMs)).toBeLessThanOrEqual(500);
  });

  it('says that --realtime needs a .wav', () => {
    const r = cli('x.jsonl', '--realtime');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--realtime needs a .wav call');
  });
});
