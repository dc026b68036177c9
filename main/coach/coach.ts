// The live coach: the pure cue policy plus a clock. Findings go in; `show`/`clear` events come out
// for the session bus (overlay, tablet). It keeps a single timer armed for the next moment the
// policy could change on its own (a tip expiring, a quiet period ending), so nothing polls.
import type { Finding } from '../contracts/finding.ts';
import type { CoachConfig } from './coach-config.ts';
import type { Clock } from './clock.ts';
import { INITIAL_CUE_STATE, nextWakeMs, step, type Cue, type CueEvent, type CueInput, type CuePolicyState } from './cue-policy.ts';

export class Coach {
  private state: CuePolicyState = INITIAL_CUE_STATE;
  private cancelTimer: (() => void) | null = null;
  private disposed = false;

  constructor(
    private readonly config: CoachConfig,
    private readonly clock: Clock,
    private readonly onEvent: (event: CueEvent) => void,
  ) {}

  get current(): Cue | null {
    return this.state.current;
  }

  offer(finding: Finding): void {
    this.apply({ type: 'finding', finding, nowMs: this.clock.nowMs() });
  }

  /** The agent pressed "begrepen" (overlay or tablet). Unknown or old ids are ignored. */
  acknowledge(cueId: string): void {
    this.apply({ type: 'acknowledge', cueId, nowMs: this.clock.nowMs() });
  }

  snooze(): void {
    this.apply({ type: 'snooze', nowMs: this.clock.nowMs() });
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private apply(input: CueInput): void {
    if (this.disposed) return;
    const result = step(this.config, this.state, input);
    this.state = result.state;
    for (const event of result.events) this.onEvent(event);
    this.arm();
  }

  private arm(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const nowMs = this.clock.nowMs();
    const wakeMs = nextWakeMs(this.config, this.state, nowMs);
    if (wakeMs === null) return;
    this.cancelTimer = this.clock.setTimer(wakeMs - nowMs, () => {
      this.cancelTimer = null;
      this.apply({ type: 'tick', nowMs: this.clock.nowMs() });
    });
  }
}
