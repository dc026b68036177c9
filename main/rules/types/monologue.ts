// Rule type `monologue`: the agent talks for a long stretch (around 40 s) while the customer gets
// no turn. Pauses shorter than maxPauseMs are bridged (breathing, looking something up while
// talking); customer speech shorter than customerTurnMs ("ja", "hm") does not end the stretch,
// longer customer speech does. Decided live, the moment the stretch reaches minDurationMs.
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import type { TimingDecision, TimingDetector } from '../../turns/timing-detector.ts';

export const MonologueParams = z.object({
  minDurationMs: z.number().int().positive().default(40_000),
  maxPauseMs: z.number().int().nonnegative().default(2_500),
  customerTurnMs: z.number().int().positive().default(1_000),
}).strict();
export type MonologueParams = z.infer<typeof MonologueParams>;

export function monologueDetector(params: MonologueParams): TimingDetector {
  let stretchStartMs: number | undefined;
  let fired = false;
  let agentTalking = false;
  let lastAgentEndMs = -Infinity;
  let customerStartMs: number | undefined;

  const newStretch = (startMs: number | undefined) => {
    stretchStartMs = startMs;
    fired = false;
  };

  return {
    onEvent(event): TimingDecision[] {
      switch (event.type) {
        case 'speech-start':
          if (event.party === 'customer') {
            customerStartMs = event.startMs;
          } else {
            agentTalking = true;
            if (stretchStartMs === undefined || event.startMs - lastAgentEndMs > params.maxPauseMs) newStretch(event.startMs);
          }
          return [];
        case 'speech-end':
          if (event.party === 'customer') {
            customerStartMs = undefined;
            // A real customer turn ends the monologue; if the agent talks on, a new one starts.
            if (event.endMs - event.startMs >= params.customerTurnMs) newStretch(agentTalking ? event.endMs : undefined);
          } else {
            agentTalking = false;
            lastAgentEndMs = event.endMs;
          }
          return [];
        case 'tick': {
          if (customerStartMs !== undefined && event.atMs - customerStartMs >= params.customerTurnMs) newStretch(undefined);
          if (stretchStartMs === undefined || fired || !agentTalking) return [];
          if (event.atMs - stretchStartMs < params.minDurationMs) return [];
          fired = true;
          return [{ atMs: event.atMs, rangeMs: { startMs: stretchStartMs, endMs: event.atMs } }];
        }
        default:
          return [];
      }
    },
  };
}

export const monologue = defineTimingType<MonologueParams>({
  name: 'monologue',
  // Short customer speech does not break a monologue, long does; on a mono call no customer
  // speech is heard at all, so the agent's long stretches are still long stretches.
  needsCustomer: false,
  params: MonologueParams,
  compile(_header, params) {
    if (params.maxPauseMs >= params.minDurationMs) {
      throw new RuleFieldError(['maxPauseMs'], `must be below minDurationMs (${params.minDurationMs})`);
    }
    return () => monologueDetector(params);
  },
});
