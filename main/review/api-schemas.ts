// What the review API accepts, checked with zod at the HTTP boundary. Query strings arrive as
// text: dates as YYYY-MM-DD (a whole day, UTC), numbers as digits.
import { z } from 'zod';
import { BehaviourId } from '../contracts/behaviours.ts';
import { MarkInput } from '../store/marks.ts';
import type { CallFilters } from '../store/call-filters.ts';

const DAY_MS = 86_400_000;
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a real date');
const Digits = z.string().regex(/^\d{1,7}$/, 'expected a whole number').transform(Number);

export const SignInBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const MarkBody = MarkInput;

export const ListQuery = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  agent: z.string().min(1).max(200).optional(),
  behaviour: BehaviourId.optional(),
  offset: Digits.optional(),
  limit: Digits.optional(),
});

export const TrendsQuery = z.object({
  weeks: Digits.optional(),
  agent: z.string().min(1).max(200).optional(),
});

/** `to` is inclusive: the whole day counts. */
export function filtersFromQuery(q: z.infer<typeof ListQuery>): CallFilters {
  const filters: CallFilters = {};
  if (q.from) filters.fromMs = Date.parse(`${q.from}T00:00:00Z`);
  if (q.to) filters.toMs = Date.parse(`${q.to}T00:00:00Z`) + DAY_MS;
  if (q.agent) filters.agentId = q.agent;
  if (q.behaviour) filters.behaviour = q.behaviour;
  return filters;
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw Object.assign(new Error(`${what}: ${where}: ${issue?.message ?? 'invalid'}`), { status: 400 });
}
