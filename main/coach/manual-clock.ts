// A clock moved by hand: timers fire, in order, only inside advance(). Tests use it, and so does
// a practice round, whose call clock is the round's own time line rather than the wall clock.
import type { Clock } from './clock.ts';

export class ManualClock implements Clock {
  private now = 0;
  private timers: { atMs: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  nowMs(): number {
    return this.now;
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ atMs: this.now + Math.max(0, delayMs), fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    this.advanceTo(this.now + ms);
  }

  /** Moves to `atMs` (never backwards), firing every timer due on the way. */
  advanceTo(atMs: number): void {
    const end = Math.max(this.now, atMs);
    for (;;) {
      const due = this.timers.filter((t) => t.atMs <= end).sort((a, b) => a.atMs - b.atMs || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.now = due.atMs;
      due.fn();
    }
    this.now = end;
  }
}
