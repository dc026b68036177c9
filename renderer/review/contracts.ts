// The review page's one door to main/contracts (the only main/ folder the renderer may use).
export { BEHAVIOURS } from '../../main/contracts/behaviours.ts';
export type { BehaviourId } from '../../main/contracts/behaviours.ts';
export type { FindingKind, Severity } from '../../main/contracts/finding.ts';
