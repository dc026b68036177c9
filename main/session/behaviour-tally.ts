// Counts every finding of a call per behaviour for the after-call summary. The coach shows only
// some findings as tips (one at a time, cooldowns, praise at most once per 90 s), so a summary
// built from shown tips alone would under-count what went well. Each entry also says how many of
// its findings the agent saw live and how many the coach held back for lower certainty, so the
// summary tells one story with the tablet ("one thing to try" comes from what was shown).
import type { Finding } from '../contracts/finding.ts';
import { SEVERITY_RANK } from '../contracts/finding.ts';
import type { ObservedBehaviour } from '../contracts/protocol.ts';

type Entry = ObservedBehaviour & { shown: number; lowConfidence: number };

const keyOf = (finding: Finding): string => `${finding.kind}:${finding.behaviour}`;

export class BehaviourTally {
  private readonly byKey = new Map<string, Entry>();

  add(finding: Finding): void {
    const seen = this.byKey.get(keyOf(finding));
    if (!seen) {
      this.byKey.set(keyOf(finding), {
        kind: finding.kind, behaviour: finding.behaviour, count: 1,
        severity: finding.severity, tip: finding.tip, atMs: finding.atMs, shown: 0, lowConfidence: 0,
      });
      return;
    }
    seen.count++;
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[seen.severity]) seen.severity = finding.severity;
    if (finding.atMs >= seen.atMs) {
      seen.tip = finding.tip;
      seen.atMs = finding.atMs;
    }
  }

  /** The coach put this finding (added before) on screen. */
  shown(finding: Finding): void {
    const entry = this.byKey.get(keyOf(finding));
    if (entry) entry.shown++;
  }

  /** The coach held this finding back because the engine was not sure enough to show it live. */
  heldForLowConfidence(finding: Finding): void {
    const entry = this.byKey.get(keyOf(finding));
    if (entry) entry.lowConfidence++;
  }

  /** Most frequent first; the protocol carries at most one entry per behaviour and kind. */
  list(): ObservedBehaviour[] {
    return [...this.byKey.values()].map((o) => ({ ...o })).sort((a, b) => b.count - a.count || a.atMs - b.atMs);
  }
}
