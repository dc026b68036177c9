// From the engine's Finding to what a device may see. The agent's words (span, utterance) are
// dropped here, at the one place tips leave the engine: the tablet gets tips, not transcripts.
import type { Finding } from '../contracts/finding.ts';
import type { Tip } from '../contracts/protocol.ts';

export function tipFromFinding(finding: Finding, id: string, fadesAtMs?: number): Tip {
  return {
    id,
    kind: finding.kind,
    behaviour: finding.behaviour,
    ruleId: finding.ruleId,
    atMs: finding.atMs,
    tip: finding.tip,
    ...(finding.headline ? { headline: finding.headline } : {}),
    ...(finding.say ? { say: finding.say } : {}),
    ...(fadesAtMs === undefined ? {} : { fadesAtMs }),
    severity: finding.severity,
    source: finding.source,
  };
}
