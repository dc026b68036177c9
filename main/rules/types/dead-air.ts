// Rule type `dead-air`: both parties silent for a long stretch in the middle of a call (more than
// 10 s by default) while the customer was not told what the agent is doing. A silence the agent
// announced just before ("ik zoek het even voor u op", "een ogenblikje") is the helpful kind: the
// customer knows why it is quiet. Words and timing only, and the agent's words only. It needs the
// customer's channel: on a mono call the customer's speech would look like silence.
// Decided live, the moment the silence reaches minSilenceMs; reported from where it began.
import { z } from 'zod';
import { defineTimingType, RuleFieldError } from './rule-type.ts';
import { compileAt } from './phrase.ts';
import { tokenise } from '../normalise.ts';
import type { CompiledPattern } from '../pattern.ts';
import type { TimingDecision, TimingDetector } from '../../turns/timing-detector.ts';

export const DeadAirParams = z.object({
  /** Silence of both parties this long is dead air. */
  minSilenceMs: z.number().int().positive().default(10_000),
  /** Phrases that tell the customer what the agent is doing (the phrase rules' pattern language). */
  announcements: z.array(z.string().min(1)).min(1),
  /** An announcement ending this long before the silence began (or later) explains it. */
  announcedWithinMs: z.number().int().nonnegative().default(15_000),
}).strict();
export type DeadAirParams = z.infer<typeof DeadAirParams>;

export function deadAirDetector(params: DeadAirParams, announcements: readonly CompiledPattern[]): TimingDetector {
  let spoken = false;
  let silenceFromMs = 0;
  let judged = false;
  let announcedAtMs = -Infinity;
  return {
    onEvent(event): TimingDecision[] {
      switch (event.type) {
        case 'utterance': {
          const tokens = tokenise(event.text);
          if (announcements.some((p) => p.find(tokens) !== null)) announcedAtMs = Math.max(announcedAtMs, event.endMs);
          return [];
        }
        case 'speech-start':
          judged = false;
          return [];
        case 'speech-end':
          spoken = true;
          silenceFromMs = Math.max(silenceFromMs, event.endMs);
          return [];
        case 'tick': {
          const { talking } = event.state;
          if (!spoken || judged || talking.agent || talking.customer || event.atMs - silenceFromMs < params.minSilenceMs) return [];
          judged = true;
          if (announcedAtMs >= silenceFromMs - params.announcedWithinMs) return [];
          return [{ atMs: event.atMs, rangeMs: { startMs: silenceFromMs, endMs: event.atMs } }];
        }
        default:
          return [];
      }
    },
  };
}

export const deadAir = defineTimingType<DeadAirParams>({
  name: 'dead-air',
  needsCustomer: true,
  params: DeadAirParams,
  compile(_header, params, env) {
    if (params.announcedWithinMs > 60_000) throw new RuleFieldError(['announcedWithinMs'], 'an announcement more than a minute before a silence no longer explains it');
    const announcements = params.announcements.map((src, i) => compileAt(src, ['announcements', i], env.lists));
    return () => deadAirDetector(params, announcements);
  },
});
