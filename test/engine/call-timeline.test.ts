// The call timeline's push API with a fake VAD (level-based), so every case is exact and fast:
// block sizes, queued pushes, live state, transcript replay in one timeline, errors, and the
// realtime path giving the same findings as the fast path.
import { describe, expect, it } from 'vitest';
import { CallTimeline } from '../../main/engine/call-timeline.ts';
import { analyzeCall } from '../../main/engine/analyze-call.ts';
import type { TimelineEvent } from '../../main/engine/timeline-events.ts';
import { callVadFromChannels, type VadModel } from '../../main/vad/vad-model.ts';
import { RuleEngine, createCallContext } from '../../main/rules/engine.ts';
import { isTimingRuleRuntime } from '../../main/turns/timing-detector.ts';
import { rmsDb } from '../../main/turns/channel-gate.ts';
import type { CallAudio } from '../../main/audio/call-audio.ts';

/** "Speech" is anything louder than -40 dBFS: the fake stands in for Silero. */
const fakeModel = (): VadModel => ({ probability: async (f) => (rmsDb(f) > -40 ? 0.95 : 0.02), reset: () => undefined });
const fakeVad = (stereo = true) => callVadFromChannels(fakeModel(), stereo ? fakeModel() : undefined);

/**
 * Speech-like tone per span, at 16 kHz: 200-ms "syllables" with 50-ms dips between them. (A steady
 * tone would be line hum, which the gate rightly stops calling speech after a few seconds.)
 */
function track(spans: [number, number][], totalMs: number, freqHz: number): Float32Array {
  const out = new Float32Array((totalMs / 1000) * 16000);
  for (const [s, e] of spans) {
    for (let i = Math.round(s * 16); i < Math.round(e * 16); i++) {
      const inDip = ((i - s * 16) % 4000) >= 3200;
      out[i] = (inDip ? 0.005 : 0.2) * Math.sin((2 * Math.PI * freqHz * i) / 16000);
    }
  }
  return out;
}

// The customer talks 0.5–3.6 s, the agent comes in at 3.0 s and talks on to 7 s: an interruption.
const customer = track([[500, 3600], [8000, 9000]], 10_000, 300);
const agent = track([[3000, 7000]], 10_000, 200);
const call: CallAudio = { sampleRate: 16000, agent, customer, durationMs: 10_000 };

const engine = RuleEngine.fromDir('rules');
const timingRules = engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime);

const strip = (events: TimelineEvent[]) => JSON.stringify(events);

async function runInBlocks(block: number, awaitEach: boolean): Promise<TimelineEvent[]> {
  const t = new CallTimeline({ vad: fakeVad(), timingRules });
  const events: TimelineEvent[] = [];
  t.on((e) => events.push(e));
  const pending: Promise<void>[] = [];
  for (let i = 0; i < agent.length; i += block) {
    const p = t.pushFrames(agent.subarray(i, i + block), customer.subarray(i, i + block));
    if (awaitEach) await p;
    else pending.push(p);
  }
  await Promise.all(pending);
  await t.end();
  return events;
}

describe('call timeline', () => {
  it('flags the interruption and reports the turns around it', async () => {
    const events = await runInBlocks(512, true);
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    // The double talk is placed at the sound itself (3.0–3.6 s), not at the edges of 32-ms VAD frames.
    expect(findings).toEqual([expect.objectContaining({ behaviour: 'onderbreken', source: 'timing', rangeMs: { startMs: 3000, endMs: 3600 } })]);
    const overlaps = events.flatMap((e) => (e.type === 'turn' && e.event.type === 'overlap' ? [e.event] : []));
    expect(overlaps).toEqual([expect.objectContaining({ intruder: 'agent', firstToStop: 'customer' })]);
  });

  it('gives the same events whatever block size the capture delivers, awaited or not', async () => {
    const reference = strip(await runInBlocks(512, true));
    expect(strip(await runInBlocks(128, false))).toBe(reference);
    expect(strip(await runInBlocks(700, false))).toBe(reference);
    expect(strip(await runInBlocks(4096, true))).toBe(reference);
  });

  it('sends the live who-is-talking state on every change and the talk share with it', async () => {
    const states = (await runInBlocks(512, true)).flatMap((e) => (e.type === 'state' ? [e] : []));
    const at = (ms: number) => [...states].reverse().find((s) => s.atMs <= ms)!.state;
    expect(at(2000).talking).toEqual({ agent: false, customer: true });
    expect(at(3400).talking).toEqual({ agent: true, customer: true });
    expect(at(5000).talking).toEqual({ agent: true, customer: false });
    const last = states.at(-1)!.state;
    expect(last.agentShare).toBeGreaterThan(0.45);
    expect(last.agentShare).toBeLessThan(0.55);
    // at least once a second even when nothing changes
    for (let i = 1; i < states.length; i++) expect(states[i]!.atMs - states[i - 1]!.atMs).toBeLessThanOrEqual(1000 + 32); // frame granularity
  });

  it('judges a known transcript in the same timeline, each utterance when the audio reaches its end', async () => {
    const ctx = createCallContext();
    const t = new CallTimeline({ vad: fakeVad(), timingRules, phraseRules: (u) => engine.analyzeUtterance(u, ctx) });
    t.scheduleUtterances([{ startMs: 3000, endMs: 7000, text: 'Nee, dat kan niet.' }]);
    const events: TimelineEvent[] = [];
    t.on((e) => events.push(e));
    const clockAt: number[] = [];
    t.on((e) => { if (e.type === 'finding') clockAt.push(t.clockMs); });
    await t.pushFrames(agent, customer);
    await t.end();
    const findings = events.flatMap((e) => (e.type === 'finding' ? [e.finding] : []));
    expect(findings.map((f) => f.behaviour)).toEqual(['onderbreken', 'nee_verkopen']);
    expect(findings.map((f) => f.atMs)).toEqual([...findings.map((f) => f.atMs)].sort((a, b) => a - b));
    expect(findings[1]).toMatchObject({ source: 'text', atMs: 7000, span: { text: 'Nee, dat kan niet' } });
    expect(clockAt[1]).toBeGreaterThanOrEqual(7000); // not released before the audio got there
    expect(clockAt[1]).toBeLessThan(7000 + 32);
  });

  it('does not judge transcript lines the audio never reached, and counts them in the summary', async () => {
    const ctx = createCallContext();
    const t = new CallTimeline({ vad: fakeVad(), timingRules, phraseRules: (u) => engine.analyzeUtterance(u, ctx) });
    t.scheduleUtterances([
      { startMs: 3000, endMs: 7000, text: 'Nee, dat kan niet.' },
      { startMs: 12_000, endMs: 14_000, text: 'De directie heeft dat zo besloten.' },
    ]);
    const findings: string[] = [];
    t.on((e) => { if (e.type === 'finding') findings.push(e.finding.behaviour); });
    const stopAt = 9000 * 16; // the replay is stopped at 9 s
    await t.pushFrames(agent.subarray(0, stopAt), customer.subarray(0, stopAt));
    const summary = await t.end();
    expect(findings).toContain('nee_verkopen');
    expect(findings).not.toContain('verschuilen');
    expect(summary.utterancesAfterEnd).toBe(1);
  });

  it('refuses a stereo block without its customer half, and pushes after the end', async () => {
    const t = new CallTimeline({ vad: fakeVad() });
    await expect(t.pushFrames(new Float32Array(512))).rejects.toThrow(/customer block has no samples, agent block 512/);
    await expect(t.pushFrames(new Float32Array(512), new Float32Array(100))).rejects.toThrow(/customer block has 100 samples/);
    await t.end();
    await expect(t.pushFrames(new Float32Array(512), new Float32Array(512))).rejects.toThrow(/after end/);
  });

  it('a failing model rejects that push but does not wedge the next ones', async () => {
    let fail = true;
    const flaky: VadModel = { probability: async () => { if (fail) throw new Error('model crashed'); return 0.1; }, reset: () => undefined };
    const t = new CallTimeline({ vad: callVadFromChannels(flaky) });
    await expect(t.pushFrames(new Float32Array(512))).rejects.toThrow('model crashed');
    fail = false;
    await t.pushFrames(new Float32Array(1024));
    expect(t.clockMs).toBe(64);
  });

  it('on a mono call hears only the agent and skips the rules that need the customer', async () => {
    const t = new CallTimeline({ vad: fakeVad(false), timingRules });
    const findings: string[] = [];
    t.on((e) => { if (e.type === 'finding') findings.push(e.finding.behaviour); });
    await t.pushFrames(agent);
    const summary = await t.end();
    expect(findings).toEqual([]);
    expect(summary.talkMs.customer).toBe(0);
    expect(summary.talkMs.agent).toBeGreaterThan(3900);
  });

  it('gives the same findings at wall-clock speed as in the fast path, with a delay measured per finding', async () => {
    const fast = await analyzeCall(call, { vad: fakeVad(), timingRules });
    const live = await analyzeCall(call, { vad: fakeVad(), timingRules, realtimeSpeed: 5 });
    expect(live.findings).toEqual(fast.findings);
    expect(live.emitLatenciesMs).toHaveLength(fast.findings.length);
    for (const ms of live.emitLatenciesMs) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
