// The detectors against calls with known truth, rendered by scripts/make-call.ts (espeak-ng + sox,
// cached under .cache/calls). Uses the shipped rule files, real Silero VAD and the same
// analyzeCall path as `klachtcoach analyze call.wav`.
import { describe, expect, it } from 'vitest';
import { checkTools, renderCall, type CallScript, type CallTruth } from '../../scripts/make-call.ts';
import { readCallWav } from '../../main/audio/call-audio.ts';
import { analyzeCall, type AnalyzeCallResult } from '../../main/engine/analyze-call.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { isTimingRuleRuntime } from '../../main/turns/timing-detector.ts';
import type { Finding } from '../../main/contracts/finding.ts';
import * as calls from './call-scripts.ts';

const missing = checkTools();
if (missing) console.log(`skipping generated-call tests: ${missing}`);

const engine = RuleEngine.fromDir('rules');
const timingRules = engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime);

const analysed = new Map<string, Promise<{ truth: CallTruth; result: AnalyzeCallResult }>>();

/** Each call is analysed once per run; several tests look at the same result. */
function analyse(script: CallScript): Promise<{ truth: CallTruth; result: AnalyzeCallResult }> {
  if (!analysed.has(script.name)) {
    analysed.set(script.name, (async () => {
      const { wavPath, truth } = renderCall(script);
      return { truth, result: await analyzeCall(await readCallWav(wavPath), { timingRules }) };
    })());
  }
  return analysed.get(script.name)!;
}

const byBehaviour = (findings: Finding[], behaviour: Finding['behaviour']) => findings.filter((f) => f.behaviour === behaviour);
const labelled = (truth: CallTruth, label: string) => truth.lines.filter((l) => l.label === label);

describe.skipIf(missing !== undefined)('detectors on generated calls', () => {
  for (const script of [calls.interruptionsCall, calls.interruptionsNoisyCall, calls.interruptionsHardCall]) {
    it(`${script.name}: finds every agent interruption within 500 ms of its start, and nothing else`, async () => {
      const { truth, result } = await analyse(script);
      const flags = byBehaviour(result.findings, 'onderbreken');
      const interruptions = labelled(truth, 'interruption');
      expect(interruptions.length).toBeGreaterThanOrEqual(2);
      for (const line of interruptions) {
        const hit = flags.find((f) => Math.abs(f.rangeMs!.startMs - line.startMs) <= 500);
        expect(hit, `interruption at ${line.startMs} ms`).toBeDefined();
      }
      // Backchannels and the customer's own interruption are never reported as the agent's.
      for (const line of [...labelled(truth, 'backchannel'), ...labelled(truth, 'customer-interruption')]) {
        expect(flags.filter((f) => Math.abs(f.rangeMs!.startMs - line.startMs) <= 1000), `${line.label} at ${line.startMs} ms`).toEqual([]);
      }
      expect(flags).toHaveLength(interruptions.length);
      // ...and the backchannel is praised as active listening.
      const backchannel = labelled(truth, 'backchannel')[0]!;
      const praise = byBehaviour(result.findings, 'uit_laten_praten');
      expect(praise).toEqual([expect.objectContaining({ kind: 'praise', source: 'timing' })]);
      expect(Math.abs(praise[0]!.rangeMs!.startMs - backchannel.startMs)).toBeLessThanOrEqual(500);
      // The customer's interruption is seen as an overlap, by the customer.
      expect(result.summary.overlaps.customerIntoAgent).toBeGreaterThanOrEqual(1);
    });
  }

  it('finds the run of quick answers, and not in the same conversation with ordinary pauses', async () => {
    const quick = await analyse(calls.quickAnswersCall);
    const flags = byBehaviour(quick.result.findings, 'geen_stilte');
    expect(flags).toHaveLength(1);
    const answers = labelled(quick.truth, 'quick-answer');
    // decided at the third quick answer, reported from the first
    expect(flags[0]!.atMs).toBeGreaterThanOrEqual(answers[2]!.startMs);
    expect(Math.abs(flags[0]!.rangeMs!.endMs - answers[2]!.startMs)).toBeLessThanOrEqual(500);
    const calm = await analyse(calls.calmAnswersCall);
    expect(byBehaviour(calm.result.findings, 'geen_stilte')).toEqual([]);
  });

  it('finds the monologue live, about 40 s after it started, and not in a real dialogue', async () => {
    const mono = await analyse(calls.monologueCall);
    const flags = mono.result.findings.filter((f) => f.ruleId === 'monoloog-lang-aan-het-woord');
    expect(flags).toHaveLength(1);
    const start = labelled(mono.truth, 'monologue')[0]!.startMs;
    expect(Math.abs(flags[0]!.rangeMs!.startMs - start)).toBeLessThanOrEqual(500);
    expect(flags[0]!.atMs - flags[0]!.rangeMs!.startMs).toBeGreaterThanOrEqual(40_000);
    expect(flags[0]!.atMs - flags[0]!.rangeMs!.startMs).toBeLessThan(41_000);
    const dialogue = await analyse(calls.dialogueCall);
    expect(dialogue.result.findings.filter((f) => f.behaviour === 'monoloog')).toEqual([]);
  });

  it('measures talk time close to the script', async () => {
    const { truth, result } = await analyse(calls.dialogueCall);
    for (const party of ['agent', 'customer'] as const) {
      const scripted = truth.lines.filter((l) => l.who === party).reduce((s, l) => s + l.endMs - l.startMs, 0);
      expect(Math.abs(result.summary.talkMs[party] - scripted) / scripted).toBeLessThan(0.1);
    }
  });

  it('on a mono recording runs only the rules that need no customer channel', async () => {
    const { wavPath } = renderCall(calls.interruptionsCall);
    const stereo = await readCallWav(wavPath);
    const result = await analyzeCall({ sampleRate: 16000, agent: stereo.agent, durationMs: stereo.durationMs }, { timingRules });
    expect(result.findings.filter((f) => f.behaviour === 'onderbreken' || f.behaviour === 'geen_stilte')).toEqual([]);
    expect(result.summary.talkMs.customer).toBe(0);
  });
});
