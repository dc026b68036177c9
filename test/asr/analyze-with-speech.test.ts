// `klachtcoach analyze call.wav` with speech recognition: recognised agent words go through the
// phrase rules and land in the same timeline as the timing findings.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { Finding } from '../../main/contracts/finding.ts';
import { callFromWavBytes } from '../../main/audio/call-audio.ts';
import { transcribeAgent } from '../../main/asr/agent-transcript.ts';
import type { SpeechRecogniser, Transcript } from '../../main/asr/transcript.ts';
import { analyzeCall } from '../../main/engine/analyze-call.ts';
import { createCallContext, RuleEngine } from '../../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../../main/rules/default-dir.ts';
import { isTimingRuleRuntime } from '../../main/turns/timing-detector.ts';
import { installTinyWhisper, TINY_NAME } from './tiny-whisper/install.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const wavPath = join(root, 'resources/sample-call/call.wav');
const track = readFileSync(join(root, 'resources/sample-call/call.jsonl'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { startMs: number; endMs: number; text: string });
const call = callFromWavBytes(readFileSync(wavPath), wavPath);

/** Stands in for a perfect recogniser: finds where in the agent channel the slice came from and
 *  answers with the known words spoken there, lower case and without punctuation, as Whisper-ish text. */
class KnownWordsRecogniser implements SpeechRecogniser {
  async transcribe(audio: Float32Array): Promise<Transcript> {
    const at = findSlice(call.agent, audio);
    const fromMs = (at / 16000) * 1000, toMs = fromMs + (audio.length / 16000) * 1000;
    const text = track.filter((l) => l.startMs < toMs && l.endMs > fromMs).map((l) => l.text.toLowerCase().replace(/[.,]/g, '')).join(' ');
    return { text, words: [], computeMs: 0 };
  }
}

function findSlice(haystack: Float32Array, needle: Float32Array): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    let same = true;
    for (let j = 0; j < needle.length && same; j += 61) same = haystack[i + j] === needle[j];
    if (same) return i;
  }
  throw new Error('slice not from the agent channel');
}

describe('phrase rules on recognised speech', () => {
  it('puts text findings from recognised words in the same time-ordered timeline as timing findings', async () => {
    const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
    const utterances = await transcribeAgent(call.agent, new KnownWordsRecogniser());
    const ctx = createCallContext();
    const result = await analyzeCall(call, {
      timingRules: engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime),
      phraseRules: (u) => engine.analyzeUtterance(u, ctx),
      transcript: utterances,
    });
    const text = result.findings.filter((f) => f.source === 'text');
    const timing = result.findings.filter((f) => f.source === 'timing');
    expect(text.length).toBeGreaterThan(0);
    expect(timing.length).toBeGreaterThan(0);
    // The management line ("de directie heeft besloten…") is flagged, at the end of its utterance.
    const management = text.find((f) => f.utterance?.text.includes('directie'));
    expect(management?.kind).toBe('flag');
    expect(management!.atMs).toBe(management!.utterance!.endMs);
    const atMs = result.findings.map((f) => f.atMs);
    expect(atMs).toEqual([...atMs].sort((a, b) => a - b));
  });
});

describe('klachtcoach analyze call.wav with a speech model', () => {
  const data = mkdtempSync(join(tmpdir(), 'kc-analyze-asr-'));
  installTinyWhisper(join(data, 'models'));
  afterAll(() => rmSync(data, { recursive: true, force: true }));
  const cli = (args: string[]) => promisify(execFile)(process.execPath, [join(root, 'scripts/dev-cli.mjs'), ...args], {
    env: { ...process.env, KLACHTCOACH_DATA_DIR: data }, cwd: root,
  });

  it('runs the real pipeline (tiny model) over the agent channel and prints valid findings', async () => {
    const { stdout, stderr } = await cli(['analyze', wavPath, '--json', '--model', TINY_NAME]);
    expect(stderr).toMatch(new RegExp(`speech: \\d+ agent utterance\\(s\\) recognised with ${TINY_NAME}`));
    const findings = stdout.trim().split('\n').filter(Boolean).map((l) => Finding.parse(JSON.parse(l)));
    expect(findings.some((f) => f.source === 'timing')).toBe(true);
  });

  it('names the download command when the requested model is not installed', async () => {
    const err = await cli(['analyze', wavPath, '--json', '--model', 'whisper-base']).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toContain('npx klachtcoach models download whisper-base');
  });
});
