// Counts every finding of a call per behaviour for the after-call summary. The coach shows only
// some findings as tips (one at a time, cooldowns, praise at most once per 90 s), so a summary
// built from shown tips alone would under-count what went well.
import type { Finding } from '../contracts/finding.ts';
import { SEVERITY_RANK } from '../contracts/finding.ts';
import type { ObservedBehaviour } from '../contracts/protocol.ts';

export class BehaviourTally {
  private readonly byKey = new Map<string, ObservedBehaviour>();

  add(finding: Finding): void {
    const key = `${finding.kind}:${finding.behaviour}`;
    const seen = this.byKey.get(key);
    if (!seen) {
      this.byKey.set(key, {
        kind: finding.kind, behaviour: finding.behaviour, count: 1,
        severity: finding.severity, tip: finding.tip, atMs: finding.atMs,
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

  /** Most frequent first; the protocol carries at most one entry per behaviour and kind. */
  list(): ObservedBehaviour[] {
    return [...this.byKey.values()].map((o) => ({ ...o })).sort((a, b) => b.count - a.count || a.atMs - b.atMs);
  }
}
