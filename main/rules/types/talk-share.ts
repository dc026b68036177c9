// Rule type `talk-share`: the agent's share of all talk time over the last `windowMs`. The live
// value itself (for the "who is talking" light and the share bar) comes from the turn tracker's
// tick state; this rule flags when the share rises above `maxAgentShare` once enough talk has
// happened in the window to judge (`minTalkMs`). The share is judged every frame, so one stretch
// above the limit is one finding, reported as it begins; the share must fall back to the limit
// before a new stretch can be reported.
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import type { TimingDecision, TimingDetector } from '../../turns/timing-detector.ts';
import type { Party } from '../../turns/turn-events.ts';

export const TalkShareParams = z.object({
  windowMs: z.number().int().positive().default(180_000),
  maxAgentShare: z.number().gt(0).lt(1).default(0.7),
  /** Talk by both parties inside the window needed before the share means anything. */
  minTalkMs: z.number().int().positive().default(60_000),
}).strict();
export type TalkShareParams = z.infer<typeof TalkShareParams>;

interface Span { party: Party; startMs: number; endMs?: number }

function talkInWindow(spans: readonly Span[], party: Party, fromMs: number, toMs: number): number {
  let total = 0;
  for (const s of spans) {
    if (s.party !== party) continue;
    const start = Math.max(s.startMs, fromMs);
    const end = Math.min(s.endMs ?? toMs, toMs);
    if (end > start) total += end - start;
  }
  return total;
}

export function talkShareDetector(params: TalkShareParams): TimingDetector {
  let spans: Span[] = [];
  const open: Partial<Record<Party, Span>> = {};
  let above = false;
  return {
    onEvent(event): TimingDecision[] {
      if (event.type === 'speech-start') {
        const span: Span = { party: event.party, startMs: event.startMs };
        open[event.party] = span;
        spans.push(span);
      } else if (event.type === 'speech-end') {
        const span = open[event.party];
        if (span) span.endMs = event.endMs;
        open[event.party] = undefined;
      } else if (event.type === 'tick') {
        const fromMs = event.atMs - params.windowMs;
        spans = spans.filter((s) => s.endMs === undefined || s.endMs > fromMs);
        const agentMs = talkInWindow(spans, 'agent', fromMs, event.atMs);
        const customerMs = talkInWindow(spans, 'customer', fromMs, event.atMs);
        if (agentMs + customerMs < params.minTalkMs) return [];
        const wasAbove = above;
        above = agentMs / (agentMs + customerMs) > params.maxAgentShare;
        if (above && !wasAbove) return [{ atMs: event.atMs, rangeMs: { startMs: Math.max(0, fromMs), endMs: event.atMs } }];
      }
      return [];
    },
  };
}

export const talkShare = defineTimingType<TalkShareParams>({
  name: 'talk-share',
  needsCustomer: true,
  params: TalkShareParams,
  compile(_header, params) {
    if (params.minTalkMs > params.windowMs) throw new RuleFieldError(['minTalkMs'], `cannot exceed windowMs (${params.windowMs})`);
    return () => talkShareDetector(params);
  },
});
