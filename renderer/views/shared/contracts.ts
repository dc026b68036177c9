// The one place the views import shared contracts from main/contracts.
export { BEHAVIOURS } from '../../../main/contracts/behaviours.ts';
export type { BehaviourId } from '../../../main/contracts/behaviours.ts';
export { SEVERITY_RANK } from '../../../main/contracts/finding.ts';
export type { Severity } from '../../../main/contracts/finding.ts';
export { AUDIO_FRAME, encodeAudioFrame, Tip as TipSchema, CallSummary as CallSummarySchema, LiveState as LiveStateSchema } from '../../../main/contracts/protocol.ts';
export type { AudioChannel, AudioFrame, CallSummary, LiveState, Tip } from '../../../main/contracts/protocol.ts';
