// The speech step of `klachtcoach analyze call.wav`: when a model is installed (or asked for
// with --model), the agent channel becomes a transcript track that the call timeline schedules,
// so phrase findings on recognised words join the timing findings in one timeline.
import { modelsDir as defaultModelsDir } from '../../models/paths.ts';
import { transcribeAgent, type AgentUtterance } from './agent-transcript.ts';
import { pickModel } from './installed-models.ts';
import { SpeechWorker } from './speech-worker.ts';

export interface RecogniseCallOptions {
  /** --model NAME; otherwise the first installed model, or no speech recognition at all. */
  model?: string;
  modelsDir?: string;
  log?: (line: string) => void;
}

/** The agent's utterances as text, or null when no model is installed and none was asked for. */
export async function recogniseAgentTrack(agent: Float32Array, options: RecogniseCallOptions = {}): Promise<AgentUtterance[] | null> {
  const dir = options.modelsDir ?? defaultModelsDir();
  const name = pickModel(options.model, dir);
  if (!name) return null;
  const started = performance.now();
  const worker = await SpeechWorker.start({ modelsDir: dir, name });
  try {
    const utterances = await transcribeAgent(agent, worker);
    options.log?.(`speech: ${utterances.length} agent utterance(s) recognised with ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return utterances;
  } finally {
    await worker.close();
  }
}
