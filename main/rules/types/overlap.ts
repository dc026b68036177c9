// Rule type `overlap`: the agent cuts in. The agent starts while the customer is talking and the
// customer gives way within about a second (who stops first decides, as in conversation analysis
// and Verint's acoustics: research/asr.md §6). Not an interruption:
//  - a short agent overlap while the customer goes on ("hm", "ja"): a backchannel, good listening;
//  - the customer talking over the agent: not the agent's doing;
//  - a terminal overlap shorter than minOverlapMs, where the agent merely starts as the customer ends.
// With `report: backchannel` the same type finds the helpful side instead: a short agent sound
// while the customer talks on ("hm", "ja"), the active listening the guide asks for (praise).
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import type { TimingDetector } from '../../turns/timing-detector.ts';

export const OverlapParams = z.object({
  /** What to report: the agent cutting in, or the agent's backchannel while the customer goes on. */
  report: z.enum(['interruption', 'backchannel']).default('interruption'),
  /** Shorter double talk is a terminal overlap at a normal speaker change (or a click, for backchannels). */
  minOverlapMs: z.number().int().nonnegative().default(250),
  /** interruption: the customer must stop within this long after the agent came in (about a second). */
  holderStopsWithinMs: z.number().int().positive().default(1200),
  /** backchannel: a longer agent overlap is an attempt to take the turn, not a "hm". */
  maxBackchannelMs: z.number().int().positive().default(800),
}).strict();
export type OverlapParams = z.infer<typeof OverlapParams>;

export function overlapDetector(params: OverlapParams): TimingDetector {
  return {
    onEvent(event) {
      if (event.type !== 'overlap' || event.intruder !== 'agent') return [];
      const overlapMs = event.endMs - event.startMs;
      if (overlapMs < params.minOverlapMs) return [];
      if (params.report === 'interruption') {
        if (event.firstToStop !== 'customer' || overlapMs > params.holderStopsWithinMs) return [];
      } else if (event.firstToStop !== 'agent' || overlapMs > params.maxBackchannelMs) {
        return [];
      }
      return [{ atMs: event.atMs, rangeMs: { startMs: event.startMs, endMs: event.endMs } }];
    },
  };
}

export const overlap = defineTimingType<OverlapParams>({
  name: 'overlap',
  needsCustomer: true,
  params: OverlapParams,
  compile(_header, params) {
    if (params.report === 'interruption' && params.minOverlapMs >= params.holderStopsWithinMs) {
      throw new RuleFieldError(['minOverlapMs'], `must be below holderStopsWithinMs (${params.holderStopsWithinMs})`);
    }
    if (params.report === 'backchannel' && params.minOverlapMs >= params.maxBackchannelMs) {
      throw new RuleFieldError(['minOverlapMs'], `must be below maxBackchannelMs (${params.maxBackchannelMs})`);
    }
    return () => overlapDetector(params);
  },
});
