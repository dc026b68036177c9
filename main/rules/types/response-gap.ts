// Rule type `response-gap`: the agent answers far faster than the usual turn gap (about 200 ms
// in conversation, research/asr.md §6), again and again, leaving the customer no room to add
// anything. One quick answer is normal; `count` of them within `windowMs` is a pattern. A
// terminal overlap (the agent starting just before the customer ends) counts as a quick answer.
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import type { TimingDetector } from '../../turns/timing-detector.ts';

export const ResponseGapParams = z.object({
  /** An agent start at most this long after the customer stopped is a quick answer. */
  maxGapMs: z.number().int().nonnegative().default(150),
  /** Agent starts overlapping the customer's last this-many ms also count as quick answers. */
  maxOverlapMs: z.number().int().nonnegative().default(250),
  /** How many quick answers make the pattern... */
  count: z.number().int().min(2).default(3),
  /** ...within this stretch of the call. */
  windowMs: z.number().int().positive().default(60_000),
}).strict();
export type ResponseGapParams = z.infer<typeof ResponseGapParams>;

export function responseGapDetector(params: ResponseGapParams): TimingDetector {
  /** Start times of the customer's stop before each quick answer still inside the window. */
  let quick: number[] = [];
  const record = (customerStopMs: number, agentStartMs: number, atMs: number) => {
    quick = quick.filter((t) => agentStartMs - t <= params.windowMs);
    quick.push(customerStopMs);
    if (quick.length < params.count) return [];
    const startMs = quick[0]!;
    quick = [];
    return [{ atMs, rangeMs: { startMs, endMs: agentStartMs } }];
  };
  return {
    onEvent(event) {
      if (event.type === 'gap' && event.from === 'customer' && event.to === 'agent') {
        if (event.endMs - event.startMs <= params.maxGapMs) return record(event.startMs, event.endMs, event.atMs);
      } else if (event.type === 'overlap' && event.intruder === 'agent' && event.firstToStop === 'customer') {
        if (event.endMs - event.startMs <= params.maxOverlapMs) return record(event.endMs, event.startMs, event.atMs);
      }
      return [];
    },
  };
}

export const responseGap = defineTimingType<ResponseGapParams>({
  name: 'response-gap',
  needsCustomer: true,
  params: ResponseGapParams,
  compile(_header, params) {
    if (params.maxGapMs > 1000) throw new RuleFieldError(['maxGapMs'], 'a quick answer gap above 1000 ms is an ordinary pause');
    return () => responseGapDetector(params);
  },
});
