// What the live coach would have shown of a call's findings, for `analyze`: the same cue policy,
// replayed on the call's own clock. Each finding is offered at its atMs (when the engine decided),
// and time moves through the policy's own wake-ups (a tip expiring, a quiet period ending), as the
// live coach's single timer does. The agent is taken to press neither "begrepen" nor "Niet nu":
// every tip stays its full tipVisibleMs, so the replay never shows more than a live call could.
import type { Finding } from '../contracts/finding.ts';
import type { CoachConfig } from './coach-config.ts';
import { INITIAL_CUE_STATE, nextWakeMs, step, type CueInput } from './cue-policy.ts';

/** The findings the live coach would have put on screen (the same objects that were passed in). */
export function replayCoach(config: CoachConfig, findings: readonly Finding[]): Set<Finding> {
  const queue = [...findings].sort((a, b) => a.atMs - b.atMs);
  const shown = new Set<Finding>();
  let state = INITIAL_CUE_STATE;
  let nowMs = 0;
  const apply = (input: CueInput): void => {
    const result = step(config, state, input);
    state = result.state;
    nowMs = input.nowMs;
    for (const event of result.events) if (event.type === 'show') shown.add(event.cue.finding);
  };
  let next = 0;
  for (;;) {
    // nextWakeMs is always later than nowMs, so time only moves forward and the loop ends.
    const wakeMs = nextWakeMs(config, state, nowMs);
    const finding = queue[next];
    if (finding && (wakeMs === null || finding.atMs <= wakeMs)) {
      apply({ type: 'finding', finding, nowMs: Math.max(nowMs, finding.atMs) });
      next++;
    } else if (wakeMs !== null) {
      apply({ type: 'tick', nowMs: wakeMs });
    } else {
      return shown;
    }
  }
}
