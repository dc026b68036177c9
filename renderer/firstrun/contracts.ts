// The one place the first-run page imports shared contracts from main/contracts. The lint
// pattern '!**/main/contracts/*' cannot re-include files under a folder that '**/main/*' already
// excluded (the same known gap renderer/views/shared/contracts.ts documents), hence the disable.
/* eslint-disable no-restricted-imports */
export type { AppState, CoachBridge, CoachWindow, ModelProgress } from '../../main/contracts/ipc.ts';
