// A recorded call's agent side as text: the agent channel is cut into utterances by the VAD
// (Silero v5 + the engine's speech segmenter, the same as live), each utterance is transcribed,
// and the result is a transcript track in call time that the call timeline schedules like a
// known transcript, so phrase findings land in the same timeline as timing findings.
// Only the agent's samples are taken: the customer channel is never transcribed (DESIGN.md, Privacy).
import { callFrames } from '../audio/frames.ts';
import { SpeechSegmenter, type SegmenterOptions } from '../vad/speech-segmenter.ts';
import { loadSileroSession, SileroChannel } from '../vad/silero-v5.ts';
import type { VadModel } from '../vad/vad-model.ts';
import { msToSamples, samplesToMs, type RecognisedWord, type SpeechRecogniser } from './transcript.ts';

export interface AgentUtterance {
  startMs: number;
  endMs: number;
  text: string;
  words: RecognisedWord[];
}

export interface AgentTranscriptOptions {
  /** Inject the VAD (tests); default Silero v5. */
  vad?: VadModel;
  segmenter?: Partial<SegmenterOptions>;
  /** Audio kept around each VAD segment: onsets and final consonants are soft and VAD cuts them. */
  padMs?: number;
  onUtterance?: (u: AgentUtterance) => void;
}

/** VAD segments of the agent channel, in call ms. */
export async function agentSpeechSegments(agent: Float32Array, vad: VadModel, segmenterOptions: Partial<SegmenterOptions> = {}): Promise<Array<{ startMs: number; endMs: number }>> {
  const segmenter = new SpeechSegmenter(segmenterOptions);
  const segments: Array<{ startMs: number; endMs: number }> = [];
  for (const frame of callFrames({ agent })) {
    for (const e of segmenter.push(await vad.probability(frame.agent))) if (e.type === 'speech-end') segments.push({ startMs: e.startMs, endMs: e.endMs });
  }
  for (const e of segmenter.end()) if (e.type === 'speech-end') segments.push({ startMs: e.startMs, endMs: e.endMs });
  return segments;
}

export async function transcribeAgent(agent: Float32Array, recogniser: SpeechRecogniser, options: AgentTranscriptOptions = {}): Promise<AgentUtterance[]> {
  const vad = options.vad ?? new SileroChannel(await loadSileroSession());
  const padMs = options.padMs ?? 200;
  const utterances: AgentUtterance[] = [];
  for (const segment of await agentSpeechSegments(agent, vad, options.segmenter)) {
    const from = Math.max(0, msToSamples(segment.startMs - padMs));
    const to = Math.min(agent.length, msToSamples(segment.endMs + padMs));
    const t = await recogniser.transcribe(agent.slice(from, to));
    if (!t.text) continue;
    const offsetMs = samplesToMs(from);
    const u: AgentUtterance = {
      startMs: segment.startMs,
      endMs: segment.endMs,
      text: t.text,
      words: t.words.map((w) => ({ text: w.text, startMs: w.startMs + offsetMs, endMs: w.endMs + offsetMs })),
    };
    utterances.push(u);
    options.onUtterance?.(u);
  }
  return utterances;
}
