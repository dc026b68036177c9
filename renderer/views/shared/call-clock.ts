// The call's clock as a view knows it: the server sends the call time with every live state
// (on each change, and at least once a second of call time); between two of them the view counts
// on by itself, but never more than a few seconds, so a stalled connection does not invent time.
import { useEffect, useState } from 'react';
import type { LiveState, Tip } from './contracts.ts';
import { hasFaded } from './tip-view.ts';

/** How far a view counts on past the last live state it got. */
export const MAX_EXTRAPOLATION_MS = 3_000;

export interface ReceivedLive {
  live: LiveState;
  /** performance.now() when it arrived. */
  receivedAtMs: number;
}

/** The call time now (ms since the start of the call), or null when no call runs. */
export function callMsNow(received: ReceivedLive | null, nowMs: number): number | null {
  if (!received || received.live.callId === null) return null;
  const since = Math.min(Math.max(0, nowMs - received.receivedAtMs), MAX_EXTRAPOLATION_MS);
  return received.live.callMs + since;
}

/** Re-renders every `intervalMs` and returns performance.now(): for clocks and tip ages. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** The call time now, re-rendering every second. */
export function useCallMs(received: ReceivedLive | null): number | null {
  return callMsNow(received, useNow());
}

/**
 * The tip to show, or null once its moment has passed: then `onFaded` takes it off the screen
 * (the server clears it too, but the view need not wait for that).
 */
export function useUnfadedTip(tip: Tip | null, callMs: number | null, onFaded: (tipId: string) => void): Tip | null {
  const faded = tip !== null && hasFaded(tip, callMs);
  useEffect(() => {
    if (faded) onFaded(tip.id);
  }, [faded, tip, onFaded]);
  return faded ? null : tip;
}
