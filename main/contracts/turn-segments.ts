// Who spoke when in a call, as timing only: each party's stretches of speech, never words and never
// audio. The call store keeps them under the findings' retention, the team server receives them
// with the call (only where the organisation shares every moment), and review and the after-call
// summary draw them as bars with the double talk marked, so a supervisor can check an
// interruption or a missing pause by eye. Times are ms since the start of the call.
import { z } from 'zod';

export const TurnSegment = z.object({
  party: z.enum(['agent', 'customer']),
  startMs: z.number().nonnegative(),
  endMs: z.number().nonnegative(),
}).refine((s) => s.endMs >= s.startMs, { message: 'endMs is before startMs', path: ['endMs'] });
export type TurnSegment = z.infer<typeof TurnSegment>;

/** Enough for well over an hour of conversation; longer calls are merged down to it (compactTurns). */
export const MAX_TURN_SEGMENTS = 4000;

export const TurnSegments = z.array(TurnSegment).max(MAX_TURN_SEGMENTS);

/**
 * At most `max` segments: where there are more, each party's segments separated by the shortest
 * pauses are joined first, so the bars keep their shape and only the briefest gaps disappear.
 */
export function compactTurns(segments: readonly TurnSegment[], max = MAX_TURN_SEGMENTS): TurnSegment[] {
  const sorted = [...segments].sort((a, b) => a.startMs - b.startMs);
  if (sorted.length <= max) return sorted;
  const gaps: number[] = [];
  for (const party of ['agent', 'customer'] as const) {
    const own = sorted.filter((s) => s.party === party);
    for (let i = 1; i < own.length; i++) gaps.push(own[i]!.startMs - own[i - 1]!.endMs);
  }
  gaps.sort((a, b) => a - b);
  // Joining every gap up to this one leaves at most `max` segments.
  const bridgeMs = gaps[sorted.length - max - 1]!;
  const out: TurnSegment[] = [];
  const last: Partial<Record<TurnSegment['party'], TurnSegment>> = {};
  for (const s of sorted) {
    const previous = last[s.party];
    if (previous && s.startMs - previous.endMs <= bridgeMs) {
      previous.endMs = Math.max(previous.endMs, s.endMs);
    } else {
      const copy = { ...s };
      out.push(copy);
      last[s.party] = copy;
    }
  }
  return out;
}

/** The stretches where both parties spoke at once, in time order. */
export function doubleTalk(segments: readonly TurnSegment[]): { startMs: number; endMs: number }[] {
  const agent = segments.filter((s) => s.party === 'agent');
  const out: { startMs: number; endMs: number }[] = [];
  for (const c of segments) {
    if (c.party !== 'customer') continue;
    for (const a of agent) {
      const startMs = Math.max(a.startMs, c.startMs);
      const endMs = Math.min(a.endMs, c.endMs);
      if (endMs > startMs) out.push({ startMs, endMs });
    }
  }
  return out.sort((x, y) => x.startMs - y.startMs);
}
