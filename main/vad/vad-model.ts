// What the VAD frame logic needs from a model: a speech probability per 32-ms frame. The model is
// passed in, so the segmenter can be tested with scripted probabilities and the engine can run
// Silero (or anything else with the same contract) without changing.
export interface VadModel {
  /** Speech probability in [0, 1] for one 512-sample, 16 kHz frame. Frames must come in order. */
  probability(frame: Float32Array): Promise<number>;
  /** Forget the carried state (new call). */
  reset(): void;
}

/**
 * Both channels of a call at once: one frame of each per call. Silero scores the two channels as
 * one batch, which costs about a quarter less than two separate runs.
 */
export interface CallVad {
  readonly stereo: boolean;
  /** [agent, customer]; customer is undefined on a mono call. */
  probabilities(agent: Float32Array, customer?: Float32Array): Promise<[number, number | undefined]>;
  reset(): void;
}

/** A CallVad from one model per channel (fakes in tests, or models that cannot batch). */
export function callVadFromChannels(agent: VadModel, customer?: VadModel): CallVad {
  return {
    stereo: customer !== undefined,
    async probabilities(a, c) {
      const pa = await agent.probability(a);
      const pc = customer && c ? await customer.probability(c) : undefined;
      return [pa, pc];
    },
    reset() {
      agent.reset();
      customer?.reset();
    },
  };
}
