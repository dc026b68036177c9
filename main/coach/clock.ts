// The coach's only contact with real time. Tests pass a fake clock they advance by hand.
export interface Clock {
  /** Milliseconds since the start of the call (the clock of Finding.atMs). */
  nowMs(): number;
  /** Runs `fn` once after `delayMs`; returns a function that cancels it. */
  setTimer(delayMs: number, fn: () => void): () => void;
}

/** Real time, counted from when the call started. */
export function callClock(startedAtMs: number = performance.now()): Clock {
  return {
    nowMs: () => performance.now() - startedAtMs,
    setTimer(delayMs, fn) {
      const handle = setTimeout(fn, Math.max(0, delayMs));
      return () => clearTimeout(handle);
    },
  };
}
