// The capture code's one import from the shared contracts (see renderer/views/shared/contracts.ts
// for why the lint rule needs a disable here).
// eslint-disable-next-line no-restricted-imports
export { AUDIO_FRAME, encodeAudioFrame, type AudioChannel, type AudioFrame } from '../../main/contracts/protocol.ts';
