// What the organisation's policy lets leave the desktop. Without snippet sharing, the agent's
// words are blanked before a finding is queued: the server never receives them, it does not
// merely throw them away.
import { findingWithoutWords, type Finding } from '../contracts/finding.ts';
import type { SharingPolicy } from '../team/sync-contract.ts';

export function redactForPolicy(finding: Finding, policy: SharingPolicy): Finding {
  return policy.shareSnippets ? finding : findingWithoutWords(finding);
}
