// A call as the engine sees it: 16 kHz mono Float32 for the agent and, for stereo recordings, the
// customer. Reading a file goes bytes -> WAV decode -> resample -> channel roles.
import { readFile } from 'node:fs/promises';
import { decodeWav, WavError } from './wav-format.ts';
import { ENGINE_RATE_HZ, resample } from './resample.ts';

export interface CallAudio {
  sampleRate: typeof ENGINE_RATE_HZ;
  agent: Float32Array;
  /** Absent for a mono recording: then only the agent's own microphone is known. */
  customer?: Float32Array;
  durationMs: number;
}

export interface ReadCallOptions {
  /** Stereo recordings are left = agent, right = customer; some recorders do it the other way. */
  swapChannels?: boolean;
}

export function callFromWavBytes(bytes: Uint8Array, source: string, options: ReadCallOptions = {}): CallAudio {
  const wav = decodeWav(bytes, source);
  const channels = wav.channels.map((c) => resample(c, wav.sampleRate, ENGINE_RATE_HZ));
  let [agent, customer] = channels;
  if (!agent) throw new WavError(source, 'no channels');
  if (options.swapChannels) {
    if (!customer) throw new WavError(source, 'cannot swap channels of a mono file');
    [agent, customer] = [customer, agent];
  }
  return {
    sampleRate: ENGINE_RATE_HZ,
    agent,
    ...(customer ? { customer } : {}),
    durationMs: (agent.length / ENGINE_RATE_HZ) * 1000,
  };
}

export async function readCallWav(path: string, options: ReadCallOptions = {}): Promise<CallAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WavError(path, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  return callFromWavBytes(bytes, path, options);
}
