// The one place the first-run page imports shared contracts from main/contracts.
export type { AppState, CoachBridge, CoachWindow, ModelProgress } from '../../main/contracts/ipc.ts';
