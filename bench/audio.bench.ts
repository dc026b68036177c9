// Audio pipeline figures (issues 3 and 13):
//  0. Turn boundaries against the rendered truth of every scripts/make-call.ts fixture (the scripted
//     calls and the interruption sweep): median and p95 |error| of onsets and offsets, and the
//     sweep's interruption recall (found within 700 ms of the agent's start) and false count.
//  1. Real-time factor of VAD + gate + boundary placement + turn tracking + timing rules for a
//     stereo call: wall time and CPU time (user+system, all threads of this process) divided by the
//     call's length. The machine is shared, so CPU time is the honest "one core" figure.
//  1b. Heap over a long call (should stay flat: every stage keeps bounded state).
//  2. --realtime mode: calls fed at 1x speed (the agent's lines as a known transcript for phrase
//     rules); for every finding and turn event, the delay from the moment the audio frame that
//     decided it was complete to the moment it was emitted.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkTools, renderCall } from '../scripts/make-call.ts';
import * as scriptedCalls from '../test/engine/call-scripts.ts';
import { interruptionsNoisyCall, quickAnswersCall } from '../test/engine/call-scripts.ts';
import { sweepCalls } from '../test/engine/sweep-calls.ts';
import { absErrorStats, boundaryErrors, FOUND_WITHIN_MS, mergeBoundaryErrors, scoreInterruptions, segmentsOf, type BoundaryErrors } from '../test/engine/call-measures.ts';
import { readCallWav, type CallAudio } from '../main/audio/call-audio.ts';
import { analyzeCall } from '../main/engine/analyze-call.ts';
import { CallTimeline } from '../main/engine/call-timeline.ts';
import { loadSileroSession, SileroCallVad } from '../main/vad/silero-v5.ts';
import { createCallContext, RuleEngine } from '../main/rules/engine.ts';
import { isTimingRuleRuntime } from '../main/turns/timing-detector.ts';
import { fmt, median, percentile } from './stats.ts';

/** A full collection before each heap reading, so the figures show live memory, not garbage. */
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function loadCall(): Promise<{ call: CallAudio; name: string }> {
  const missing = checkTools();
  if (missing) throw new Error(`audio bench needs generated calls: ${missing}`);
  const { wavPath } = renderCall(interruptionsNoisyCall);
  return { call: await readCallWav(wavPath), name: interruptionsNoisyCall.name };
}

export default async function bench(): Promise<void> {
  const { call, name } = await loadCall();
  const session = await loadSileroSession();
  const engine = RuleEngine.fromDir('rules');
  const rules = engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime);

  // 0. Boundaries and the sweep, against the rendered truth.
  const errors: BoundaryErrors[] = [];
  let interruptions = 0;
  let found = 0;
  let falseFlags = 0;
  const describe = (b: BoundaryErrors) => {
    const on = absErrorStats(b.onsetMs);
    const off = absErrorStats(b.offsetMs);
    return `onset median ${fmt(on.median, 0)} ms p95 ${fmt(on.p95, 0)} ms, offset median ${fmt(off.median, 0)} ms p95 ${fmt(off.p95, 0)} ms`;
  };
  for (const script of [...Object.values(scriptedCalls), ...sweepCalls]) {
    const { wavPath, truth } = renderCall(script);
    const result = await analyzeCall(await readCallWav(wavPath), { vad: new SileroCallVad(session, true), timingRules: rules });
    const b = boundaryErrors(truth, segmentsOf(result.events));
    errors.push(b);
    if (!script.name.startsWith('sweep')) continue;
    const score = scoreInterruptions(truth, result.findings);
    interruptions += score.interruptions;
    found += score.found;
    falseFlags += score.falseFlags.length;
    console.log(`  ${script.name.padEnd(12)} (noise ${script.noiseDb} dBFS, crosstalk ${script.crosstalkDb} dB): ${score.found}/${score.interruptions} interruptions, ${score.falseFlags.length} false; ${describe(b)}`);
  }
  const all = mergeBoundaryErrors(errors);
  console.log(`turn boundaries vs rendered truth, ${errors.length} calls, n=${all.onsetMs.length} onsets / ${all.offsetMs.length} offsets, ${all.missed} not found (target median <= 40 ms, p95 <= 100 ms):`);
  console.log(`  ${describe(all)}`);
  console.log(`interruption sweep: recall ${fmt(found / interruptions, 3)} (${found}/${interruptions} within ${FOUND_WITHIN_MS} ms of the agent's start; target >= 0.95), false interruptions ${falseFlags} (target 0)`);

  console.log(`call: ${name}, stereo, ${fmt(call.durationMs / 1000, 1)} s; Silero v5 with 1 intra-op thread`);

  // 1. Real-time factor, as fast as it goes.
  const wallRtf: number[] = [];
  const cpuRtf: number[] = [];
  const runs = 5;
  for (let i = 0; i < runs + 1; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await analyzeCall(call, { vad: new SileroCallVad(session, true), timingRules: rules });
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (i === 0) continue; // warm-up: JIT and ONNX first-run allocations
    wallRtf.push(wall / call.durationMs);
    cpuRtf.push((cpu.user + cpu.system) / 1000 / call.durationMs);
  }
  console.log(`VAD + boundaries + turns + timing rules, real-time factor over ${runs} runs (target <= 0.02):`);
  console.log(`  CPU time / audio time: median ${fmt(median(cpuRtf), 4)}  p95 ${fmt(percentile(cpuRtf, 95), 4)}`);
  console.log(`  wall time / audio time: median ${fmt(median(wallRtf), 4)}  p95 ${fmt(percentile(wallRtf, 95), 4)}  (shared machine, load included)`);

  // 1b. Memory over a long call: the timeline keeps bounded state, so the heap must not grow with
  // the call's length. The same call five times over (~4 min), events counted but not kept.
  const repeat = 5;
  const agent = new Float32Array(call.agent.length * repeat);
  const customer = new Float32Array(call.agent.length * repeat);
  for (let i = 0; i < repeat; i++) {
    agent.set(call.agent, i * call.agent.length);
    customer.set(call.customer!, i * call.agent.length);
  }
  const timeline = new CallTimeline({ vad: new SileroCallVad(session, true), timingRules: rules });
  let eventCount = 0;
  timeline.on(() => { eventCount++; });
  const heap: number[] = [];
  const chunk = 16_000 * 10;
  for (let i = 0; i < agent.length; i += chunk) {
    await timeline.pushFrames(agent.subarray(i, i + chunk), customer.subarray(i, i + chunk));
    if ((i / chunk) % 5 === 0) {
      collectGarbage();
      heap.push(process.memoryUsage().heapUsed / 1e6);
    }
  }
  await timeline.end();
  console.log(`memory over a ${fmt((agent.length / 16000) / 60, 1)}-min call (${eventCount} events): heap ${heap.map((h) => fmt(h, 1)).join(' -> ')} MB, RSS ${fmt(process.memoryUsage().rss / 1e6, 0)} MB`);

  // 2. Decide-to-emit delay at 1x. The engine reports every occurrence, so every decision is timed.
  const { wavPath } = renderCall(quickAnswersCall);
  const realtimeCalls = [call, await readCallWav(wavPath)];
  const findingDelays: number[] = [];
  const turnDelays: number[] = [];
  let audioMs = 0;
  for (const [i, c] of realtimeCalls.entries()) {
    // The agent's own lines as a known transcript, so phrase findings are timed too.
    const truth = renderCall([interruptionsNoisyCall, quickAnswersCall][i]!).truth;
    const transcript = truth.lines.filter((l) => l.who === 'agent').map(({ startMs, endMs, text }) => ({ startMs, endMs, text }));
    const ctx = createCallContext();
    const result = await analyzeCall(c, {
      vad: new SileroCallVad(session, true), timingRules: rules, realtimeSpeed: 1,
      transcript, phraseRules: (u) => engine.analyzeUtterance(u, ctx),
    });
    findingDelays.push(...result.emitLatenciesMs);
    turnDelays.push(...result.turnLatenciesMs);
    audioMs += c.durationMs;
  }
  console.log(`--realtime (1x, ${fmt(audioMs / 1000, 1)} s of audio), delay from deciding frame to emitted event (target p95 <= 300 ms):`);
  console.log(`  findings (n=${findingDelays.length}): median ${fmt(median(findingDelays), 1)} ms  p95 ${fmt(percentile(findingDelays, 95), 1)} ms  max ${fmt(Math.max(...findingDelays), 1)} ms`);
  console.log(`  turn events (n=${turnDelays.length}): median ${fmt(median(turnDelays), 1)} ms  p95 ${fmt(percentile(turnDelays, 95), 1)} ms  max ${fmt(Math.max(...turnDelays), 1)} ms`);
}
