// Runs a timing rule's own examples (see TimingExamples): each `fire` fixture must give exactly
// one finding whose stretch starts where the example says; each `pass` fixture must give none.
import type { ExampleFailure } from '../rules/types/rule-type.ts';
import { replayFixture, EXPECT_TOLERANCE_MS, type TimingExamples } from './timed-fixture.ts';
import { TimingRuleRunner, type TimingRuleRuntime } from './timing-detector.ts';
import type { Finding } from '../contracts/finding.ts';

export function runFixture(runtime: TimingRuleRuntime, fixture: Parameters<typeof replayFixture>[0]): Finding[] {
  const runner = new TimingRuleRunner(runtime);
  const findings: Finding[] = [];
  replayFixture(fixture, (event) => findings.push(...runner.onEvent(event)));
  return findings;
}

export function checkTimingExamples(runtime: TimingRuleRuntime, examples: TimingExamples): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  examples.fire.forEach((example, i) => {
    const found = runFixture(runtime, example);
    if (found.length !== 1) {
      failures.push({ path: ['examples', 'fire', i], message: `"${example.name}" must fire once, fired ${found.length} times` });
      return;
    }
    const startMs = found[0]!.rangeMs?.startMs ?? Number.NaN;
    if (!(Math.abs(startMs - example.expectStartMs) <= EXPECT_TOLERANCE_MS)) {
      failures.push({
        path: ['examples', 'fire', i, 'expectStartMs'],
        message: `"${example.name}" fired for a stretch starting at ${startMs} ms, expected ${example.expectStartMs} ms`,
      });
    }
  });
  examples.pass.forEach((example, i) => {
    const found = runFixture(runtime, example);
    if (found.length > 0) {
      failures.push({ path: ['examples', 'pass', i], message: `"${example.name}" must not fire, fired at ${found.map((f) => f.atMs).join(', ')} ms` });
    }
  });
  return failures;
}
