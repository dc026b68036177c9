// Turns a call's tips into the agent's personal summary: what went well (praise, most frequent
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
  for (const tip of summary.tips) {
    if (tip.kind === 'praise') {
      praise.set(tip.behaviour, (praise.get(tip.behaviour) ?? 0) + 1);
      continue;
    }
    const seen = flags.get(tip.behaviour);
    const severity = seen && SEVERITY_RANK[seen.severity] > SEVERITY_RANK[tip.severity] ? seen.severity : tip.severity;
    const latest = !seen || tip.atMs >= seen.atMs;
    flags.set(tip.behaviour, {
      count: (seen?.count ?? 0) + 1,
      severity,
      tip: latest ? tip.tip : seen.tip,
      atMs: latest ? tip.atMs : seen.atMs,
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
