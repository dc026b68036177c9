// Turns what a call showed into the agent's personal summary: what went well (praise, most frequent
// first), one thing to try next time (the flag that came most often, ties to the more severe),
// and talk share. Delayed, personal and short on purpose (research/product.md §3).
import { BEHAVIOURS, SEVERITY_RANK, type BehaviourId, type CallSummary, type Severity } from '../shared/contracts.ts';

export interface WentWell {
  behaviour: BehaviourId;
  count: number;
}

export interface TryNext {
  /** The unhelpful behaviour seen most. */
  seen: BehaviourId;
  /** Its helpful counterpart from the catalogue. */
  tryInstead: BehaviourId | null;
  count: number;
  /** The rule's tip text from the most recent occurrence. */
  tip: string;
}

export interface PersonalSummary {
  durationMs: number;
  agentTalkShare: number | null;
  wentWell: WentWell[];
  tryNext: TryNext | null;
}

export const MAX_WENT_WELL = 3;

export function summarise(summary: CallSummary): PersonalSummary {
  const praise = new Map<BehaviourId, number>();
  const flags = new Map<BehaviourId, { count: number; severity: Severity; tip: string; atMs: number }>();
  // Prefer the server's count of every finding: the shown tips are only the ones the coach let
  // through (praise sparingly), so they under-count. Older servers send only the tips.
  const occurrences = summary.observed
    ?? summary.tips.map((t) => ({ kind: t.kind, behaviour: t.behaviour, count: 1, severity: t.severity, tip: t.tip, atMs: t.atMs }));
  for (const o of occurrences) {
    if (o.kind === 'praise') {
      praise.set(o.behaviour, (praise.get(o.behaviour) ?? 0) + o.count);
      continue;
    }
    const seen = flags.get(o.behaviour);
    const severity = seen && SEVERITY_RANK[seen.severity] > SEVERITY_RANK[o.severity] ? seen.severity : o.severity;
    const latest = !seen || o.atMs >= seen.atMs;
    flags.set(o.behaviour, {
      count: (seen?.count ?? 0) + o.count,
      severity,
      tip: latest ? o.tip : seen.tip,
      atMs: latest ? o.atMs : seen.atMs,
    });
  }

  const wentWell = [...praise.entries()]
    .map(([behaviour, count]) => ({ behaviour, count }))
    .sort((a, b) => b.count - a.count || a.behaviour.localeCompare(b.behaviour))
    .slice(0, MAX_WENT_WELL);

  const top = [...flags.entries()].sort(
    ([, a], [, b]) => b.count - a.count || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.atMs - a.atMs,
  )[0];
  const tryNext = top
    ? { seen: top[0], tryInstead: BEHAVIOURS.get(top[0])?.counterpart ?? null, count: top[1].count, tip: top[1].tip }
    : null;

  return { durationMs: summary.durationMs, agentTalkShare: summary.agentTalkShare, wentWell, tryNext };
}
