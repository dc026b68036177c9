// Findings per behaviour per week, with the number of calls per week so the chart can show a rate
// (more calls would otherwise look like worse behaviour). Weeks start on Monday, in UTC.
import type { BehaviourId } from '../contracts/behaviours.ts';
import type { FindingKind } from '../contracts/finding.ts';
import type { CallStore } from './open-store.ts';
import { LOW_CONFIDENCE, type TrendSeries, type Trends } from '../contracts/review-api.ts';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

export type { TrendSeries, Trends } from '../contracts/review-api.ts';

/** Monday 00:00 UTC of the week containing `ms`. */
export function weekStartMs(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 → weekday index 3 counting from Monday.
  const sinceMonday = (((day + 3) % 7) + 7) % 7;
  return (day - sinceMonday) * DAY_MS;
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function weeklyTrends(store: CallStore, options: { weeks?: number; agentId?: string } = {}): Trends {
  const weekCount = Math.min(Math.max(1, options.weeks ?? 12), 104);
  const lastWeek = weekStartMs(store.now());
  const firstWeek = lastWeek - (weekCount - 1) * WEEK_MS;
  const weeks = Array.from({ length: weekCount }, (_, i) => isoDate(firstWeek + i * WEEK_MS));
  const index = (weekMs: number): number => Math.round((weekMs - firstWeek) / WEEK_MS);
  const params = { from: firstWeek, to: lastWeek + WEEK_MS, agentId: options.agentId ?? null };
  const agentCondition = '(@agentId IS NULL OR c.agent_id = @agentId)';

  const callsPerWeek = new Array<number>(weekCount).fill(0);
  const callRows = store.db
    .prepare(
      `SELECT c.started_at_ms AS startedAtMs FROM calls c
       WHERE c.started_at_ms >= @from AND c.started_at_ms < @to AND ${agentCondition}`,
    )
    .all(params) as { startedAtMs: number }[];
  for (const row of callRows) callsPerWeek[index(weekStartMs(row.startedAtMs))]! += 1;

  const findingRows = store.db
    .prepare(
      `SELECT f.behaviour, f.kind, c.started_at_ms AS startedAtMs, COUNT(*) AS n,
         SUM(CASE WHEN m.verdict = 'wrong' THEN 1 ELSE 0 END) AS wrong
       FROM calls c JOIN findings f ON f.call_id = c.id LEFT JOIN marks m ON m.finding_id = f.id
       WHERE c.started_at_ms >= @from AND c.started_at_ms < @to AND ${agentCondition}
         -- Findings held back for lower certainty are not counted as behaviour seen.
         AND (f.held_reason IS NULL OR f.held_reason <> '${LOW_CONFIDENCE}')
       GROUP BY c.id, f.behaviour, f.kind`,
    )
    .all(params) as { behaviour: BehaviourId; kind: FindingKind; startedAtMs: number; n: number; wrong: number }[];
  const byKey = new Map<string, TrendSeries>();
  for (const row of findingRows) {
    const key = `${row.kind}:${row.behaviour}`;
    let series = byKey.get(key);
    if (!series) {
      series = { behaviour: row.behaviour, kind: row.kind, counts: new Array<number>(weekCount).fill(0), markedWrong: new Array<number>(weekCount).fill(0) };
      byKey.set(key, series);
    }
    const i = index(weekStartMs(row.startedAtMs));
    series.counts[i]! += row.n;
    series.markedWrong[i]! += row.wrong;
  }
  const series = [...byKey.values()].sort((a, b) => sum(b.counts) - sum(a.counts) || a.behaviour.localeCompare(b.behaviour));
  return { weeks, callsPerWeek, series };
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
