// The cue policy's cost per finding, over a simulated 30-minute call with a finding every
// 2 seconds and a tick every 100 ms: it runs on the engine's thread, so it must stay tiny.
import { CoachConfig } from '../main/coach/coach-config.ts';
import { INITIAL_CUE_STATE, step, type CueInput, type CuePolicyState } from '../main/coach/cue-policy.ts';
import { UNHELPFUL_IDS, HELPFUL_IDS } from '../main/contracts/behaviours.ts';
import type { Finding } from '../main/contracts/finding.ts';
import { fmt, median, percentile } from './stats.ts';

export default async function bench(): Promise<void> {
  const config = CoachConfig.parse({});
  const callMs = 30 * 60_000;
  const perStepUs: number[] = [];
  let state: CuePolicyState = INITIAL_CUE_STATE;
  let shown = 0;
  let findings = 0;
  for (let nowMs = 0; nowMs <= callMs; nowMs += 100) {
    const inputs: CueInput[] = [{ type: 'tick', nowMs }];
    if (nowMs % 2_000 === 0) {
      const i = findings++;
      const praise = i % 5 === 0;
      const behaviour = praise ? HELPFUL_IDS[i % HELPFUL_IDS.length]! : UNHELPFUL_IDS[i % UNHELPFUL_IDS.length]!;
      const finding: Finding = {
        kind: praise ? 'praise' : 'flag', behaviour, ruleId: `bench.${behaviour}`, atMs: nowMs, tip: 'tip',
        severity: praise ? 'info' : (['low', 'medium', 'high'] as const)[i % 3]!, source: 'text', rangeMs: { startMs: nowMs - 2000, endMs: nowMs },
      };
      inputs.unshift({ type: 'finding', finding, nowMs });
    }
    for (const input of inputs) {
      const t0 = performance.now();
      const r = step(config, state, input);
      perStepUs.push((performance.now() - t0) * 1000);
      state = r.state;
      shown += r.events.filter((e) => e.type === 'show').length;
    }
  }
  console.log(`cue policy, simulated 30-min call: ${findings} findings, ${shown} tips shown (${fmt(shown / 30, 1)} per minute)`);
  console.log(`  step(): median ${fmt(median(perStepUs))} µs, p95 ${fmt(percentile(perStepUs, 95))} µs, p99 ${fmt(percentile(perStepUs, 99))} µs over ${perStepUs.length} steps`);
}
