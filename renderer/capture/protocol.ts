// The capture code's one import from the shared contracts.
export { AUDIO_FRAME, encodeAudioFrame, type AudioChannel, type AudioFrame } from '../../main/contracts/protocol.ts';
