// The filters of the review list (date range, agent, behaviour), shared by the list, the CSV
// export and the trends so that what a supervisor filters on screen is what they export.
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';

export const CallFilters = z.object({
  /** Calls that started at or after this epoch ms. */
  fromMs: z.number().int().nonnegative().optional(),
  /** Calls that started before this epoch ms. */
  toMs: z.number().int().nonnegative().optional(),
  agentId: z.string().min(1).max(200).optional(),
  /** Only calls with at least one finding of this behaviour. */
  behaviour: BehaviourId.optional(),
});
export type CallFilters = z.infer<typeof CallFilters>;

/** SQL conditions on the `calls` table aliased `c`, with named parameters. */
export function callFilterSql(filters: CallFilters): { where: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.fromMs !== undefined) {
    conditions.push('c.started_at_ms >= @fromMs');
    params.fromMs = filters.fromMs;
  }
  if (filters.toMs !== undefined) {
    conditions.push('c.started_at_ms < @toMs');
    params.toMs = filters.toMs;
  }
  if (filters.agentId !== undefined) {
    conditions.push('c.agent_id = @agentId');
    params.agentId = filters.agentId;
  }
  if (filters.behaviour !== undefined) {
    conditions.push('EXISTS (SELECT 1 FROM findings fb WHERE fb.call_id = c.id AND fb.behaviour = @behaviour)');
    params.behaviour = filters.behaviour;
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
