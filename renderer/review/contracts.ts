// The review page's one door to main/contracts (the only main/ folder the renderer may use).
// The lint pattern '!**/main/contracts/*' in eslint.config.js cannot re-include files under a
// folder that '**/main/*' already excluded, so the rule is switched off here, for this file only.
/* eslint-disable no-restricted-imports */
export { BEHAVIOURS } from '../../main/contracts/behaviours.ts';
export type { BehaviourId } from '../../main/contracts/behaviours.ts';
export type { FindingKind, Severity } from '../../main/contracts/finding.ts';
