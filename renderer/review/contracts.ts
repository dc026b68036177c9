// The review page's one door to main/contracts (the only main/ folder the renderer may use).
export { BEHAVIOURS, behaviourLabel } from '../../main/contracts/behaviours.ts';
export { LOW_CONFIDENCE } from '../../main/contracts/review-api.ts';
export type { ReviewFinding } from '../../main/contracts/review-api.ts';
export type { BehaviourId } from '../../main/contracts/behaviours.ts';
export type { FindingKind, Severity } from '../../main/contracts/finding.ts';
