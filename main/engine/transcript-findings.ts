// A call known only as the agent's transcript (`analyze FILE.jsonl`): the phrase rules judge each
// utterance, and the timing rules that need no customer channel (pace, monologue) judge the
// utterances' times, as they would on a mono recording. The agent's speech is taken to be the
// utterances' stretches, replayed as the VAD would report them (main/turns/timed-fixture.ts).
import type { Finding } from '../contracts/finding.ts';
import type { RuleEngine, Utterance } from '../rules/engine.ts';
import { analyzeTranscript } from '../rules/transcript.ts';
import { replayFixture } from '../turns/timed-fixture.ts';
import { isTimingRuleRuntime, TimingRuleRunner } from '../turns/timing-detector.ts';

export function transcriptFindings(engine: RuleEngine, utterances: readonly Utterance[]): Finding[] {
  const runners = engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime)
    .filter((r) => !r.needsCustomer).map((r) => new TimingRuleRunner(r));
  const timing: Finding[] = [];
  if (runners.length > 0 && utterances.length > 0) {
    const said = utterances.filter((u) => u.endMs > u.startMs).map((u) => [u.startMs, u.endMs, u.text] as const);
    replayFixture({ said }, (event) => { for (const runner of runners) timing.push(...runner.onEvent(event)); });
  }
  return [...analyzeTranscript(engine, utterances), ...timing].sort((a, b) => a.atMs - b.atMs);
}
