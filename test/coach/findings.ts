// Small builders for findings in coach tests.
import type { BehaviourId } from '../../main/contracts/behaviours.ts';
import type { Finding, Severity } from '../../main/contracts/finding.ts';

export function flag(behaviour: BehaviourId, atMs: number, severity: Severity = 'medium'): Finding {
  return { kind: 'flag', behaviour, ruleId: `nl.test.${behaviour}`, atMs, tip: `tip voor ${behaviour}`, severity, source: 'text', rangeMs: { startMs: atMs - 1000, endMs: atMs } };
}

export function praise(behaviour: BehaviourId, atMs: number): Finding {
  return { kind: 'praise', behaviour, ruleId: `nl.test.${behaviour}`, atMs, tip: `goed: ${behaviour}`, severity: 'info', source: 'text', rangeMs: { startMs: atMs - 1000, endMs: atMs } };
}
