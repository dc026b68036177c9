// What the VAD frame logic needs from a model: a speech probability per 32-ms frame. The model is
// passed in, so the segmenter can be tested with scripted probabilities and the engine can run
// Silero (or anything else with the same contract) without changing.
export interface VadModel {
  /** Speech probability in [0, 1] for one 512-sample, 16 kHz frame. Frames must come in order. */
  probability(frame: Float32Array): Promise<number>;
  /** Forget the carried state (new call). */
  reset(): void;
}
