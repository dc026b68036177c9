// Turns what a call showed into the agent's personal summary: what went well (praise, most frequent
// first), one thing to try next time, and talk share. Delayed, personal and short on purpose
// (research/product.md §3).
//
// One story with the tablet: "one thing to try" comes only from tips the agent saw during the
// call, worded as the tip card worded it (headline and sentence). When the coach showed none of
// the call's flags, the summary says there were moments it did not show instead of bringing up
// advice the agent never saw. Findings the coach held back for lower certainty are counted apart.
import { BEHAVIOURS, SEVERITY_RANK, type BehaviourId, type CallSummary, type Severity, type Tip } from '../shared/contracts.ts';

export interface WentWell {
  behaviour: BehaviourId;
  count: number;
}

export interface TryNext {
  /** The unhelpful behaviour the agent was shown most. */
  seen: BehaviourId;
  /** Its helpful counterpart from the catalogue. */
  tryInstead: BehaviourId | null;
  /** As the tip card said it, from the latest shown tip: what to do, and the sentence to say. */
  headline: string;
  say: string | null;
  /** How often the agent saw this tip during the call. */
  shown: number;
  /** How often it occurred (lower-certainty findings not counted). */
  count: number;
}

export interface PersonalSummary {
  durationMs: number;
  agentTalkShare: number | null;
  wentWell: WentWell[];
  tryNext: TryNext | null;
  /** Flags of this call the coach did not show; said only when none was shown (tryNext null). */
  unshownFlags: number;
  /** Findings held back for lower certainty, counted apart from everything above. */
  lowConfidence: number;
}

export const MAX_WENT_WELL = 3;

interface Occurrence {
  kind: Tip['kind'];
  behaviour: BehaviourId;
  /** Findings the engine was sure enough of to count. */
  sure: number;
  lowConfidence: number;
}

/** The server's tally of every finding; an older server sends only the shown tips. */
function occurrences(summary: CallSummary): Occurrence[] {
  if (summary.observed) {
    return summary.observed.map((o) => ({
      kind: o.kind, behaviour: o.behaviour, sure: o.count - (o.lowConfidence ?? 0), lowConfidence: o.lowConfidence ?? 0,
    }));
  }
  return summary.tips.map((t) => ({ kind: t.kind, behaviour: t.behaviour, sure: 1, lowConfidence: 0 }));
}

export function summarise(summary: CallSummary): PersonalSummary {
  const counted = occurrences(summary);
  const sureOf = new Map<string, number>();
  for (const o of counted) sureOf.set(`${o.kind}:${o.behaviour}`, (sureOf.get(`${o.kind}:${o.behaviour}`) ?? 0) + o.sure);

  const wentWell = [...sureOf.entries()]
    .filter(([key, count]) => key.startsWith('praise:') && count > 0)
    .map(([key, count]) => ({ behaviour: key.slice('praise:'.length) as BehaviourId, count }))
    .sort((a, b) => b.count - a.count || a.behaviour.localeCompare(b.behaviour))
    .slice(0, MAX_WENT_WELL);

  const tryNext = mostShownFlag(summary.tips, sureOf);
  const unshownFlags = tryNext ? 0 : counted.filter((o) => o.kind === 'flag').reduce((n, o) => n + o.sure, 0);
  const lowConfidence = counted.reduce((n, o) => n + o.lowConfidence, 0);
  return { durationMs: summary.durationMs, agentTalkShare: summary.agentTalkShare, wentWell, tryNext, unshownFlags, lowConfidence };
}

/** The flag shown most often (ties: the more severe, then the more recent), worded as its latest tip. */
function mostShownFlag(tips: readonly Tip[], sureOf: ReadonlyMap<string, number>): TryNext | null {
  const byBehaviour = new Map<BehaviourId, { shown: number; severity: Severity; latest: Tip }>();
  for (const tip of tips) {
    if (tip.kind !== 'flag') continue;
    const seen = byBehaviour.get(tip.behaviour);
    if (!seen) {
      byBehaviour.set(tip.behaviour, { shown: 1, severity: tip.severity, latest: tip });
      continue;
    }
    seen.shown++;
    if (SEVERITY_RANK[tip.severity] > SEVERITY_RANK[seen.severity]) seen.severity = tip.severity;
    if (tip.atMs >= seen.latest.atMs) seen.latest = tip;
  }
  const top = [...byBehaviour.entries()].sort(
    ([, a], [, b]) => b.shown - a.shown || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.latest.atMs - a.latest.atMs,
  )[0];
  if (!top) return null;
  const [behaviour, { shown, latest }] = top;
  return {
    seen: behaviour,
    tryInstead: BEHAVIOURS.get(behaviour)?.counterpart ?? null,
    headline: latest.headline ?? latest.tip,
    say: latest.say ?? null,
    shown,
    count: Math.max(shown, sureOf.get(`flag:${behaviour}`) ?? 0),
  };
}
