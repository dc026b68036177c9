// `klachtcoach rules stats`: per rule, how often it fired, how often supervisors looked at it and
// how often they marked it wrong, so trainers see which rules misfire. Sorted by wrong marks,
// then by how often the rule fired.
import type { CallStore } from './open-store.ts';

export interface RuleStat {
  ruleId: string;
  behaviour: string;
  kind: 'flag' | 'praise';
  fired: number;
  marked: number;
  markedWrong: number;
  /** markedWrong / marked, or null when no one has marked this rule yet. */
  wrongRate: number | null;
}

export function ruleStats(store: CallStore, options: { sinceMs?: number } = {}): RuleStat[] {
  const rows = store.db
    .prepare(
      `SELECT f.rule_id AS ruleId, f.behaviour, f.kind, COUNT(*) AS fired, COUNT(m.finding_id) AS marked,
         SUM(CASE WHEN m.verdict = 'wrong' THEN 1 ELSE 0 END) AS markedWrong
       FROM findings f LEFT JOIN marks m ON m.finding_id = f.id
       WHERE f.recorded_at_ms >= @since
       GROUP BY f.rule_id, f.behaviour, f.kind
       ORDER BY markedWrong DESC, fired DESC, f.rule_id`,
    )
    .all({ since: options.sinceMs ?? 0 }) as Omit<RuleStat, 'wrongRate'>[];
  return rows.map((r) => ({ ...r, wrongRate: r.marked > 0 ? r.markedWrong / r.marked : null }));
}

/** A fixed-width table for the terminal. */
export function formatRuleStats(stats: RuleStat[]): string {
  if (stats.length === 0) return 'No findings recorded yet.';
  const header = ['rule', 'behaviour', 'kind', 'fired', 'marked', 'wrong', 'wrong %'];
  const rows = stats.map((s) => [
    s.ruleId, s.behaviour, s.kind, String(s.fired), String(s.marked), String(s.markedWrong),
    s.wrongRate === null ? '-' : `${Math.round(s.wrongRate * 100)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
