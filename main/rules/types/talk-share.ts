// Rule type `talk-share`: the agent's share of all talk time over the last `windowMs`. The live
// value itself (for the "who is talking" light and the share bar) comes from the turn tracker's
// tick state; this rule flags when the share stays above `maxAgentShare` once enough talk has
// happened in the window to judge (`minTalkMs`).
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import { TimingExamples } from '../../turns/timed-fixture.ts';
import { checkTimingExamples } from '../../turns/example-check.ts';
import type { TimingDecision, TimingDetector, TimingRuleRuntime } from '../../turns/timing-detector.ts';
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
        const share = agentMs / (agentMs + customerMs);
        if (share > params.maxAgentShare) return [{ atMs: event.atMs, rangeMs: { startMs: Math.max(0, fromMs), endMs: event.atMs } }];
      }
      return [];
    },
  };
}

export const talkShare = defineTimingType<TalkShareParams, TimingExamples, TimingRuleRuntime>({
  name: 'talk-share',
  kind: 'timing',
  params: TalkShareParams,
  examples: TimingExamples,
  compile(header, params) {
    if (params.minTalkMs > params.windowMs) throw new RuleFieldError(['minTalkMs'], `cannot exceed windowMs (${params.windowMs})`);
    if (header.cooldownMs < 10_000) {
      // The share is re-evaluated every frame; without a real cooldown it would fire 31 times a second.
      throw new RuleFieldError(['cooldownMs'], 'a talk-share rule needs a cooldown of at least 10000 ms');
    }
    return { header, createDetector: () => talkShareDetector(params) };
  },
  checkExamples: (runtime, examples) => checkTimingExamples(runtime, examples),
});
