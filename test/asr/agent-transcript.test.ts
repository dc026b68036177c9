// The agent side of the bundled sample call, cut by the real Silero VAD and transcribed by a
// recording recogniser: utterances line up with the call's known transcript track, and the
// recogniser only ever receives agent samples (the customer channel is never transcribed).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callFromWavBytes } from '../../main/audio/call-audio.ts';
import { transcribeAgent } from '../../main/asr/agent-transcript.ts';
import type { SpeechRecogniser, Transcript } from '../../main/asr/transcript.ts';

const wavPath = fileURLToPath(new URL('../../resources/sample-call/call.wav', import.meta.url));
const trackPath = fileURLToPath(new URL('../../resources/sample-call/call.jsonl', import.meta.url));

class RecordingRecogniser implements SpeechRecogniser {
  readonly heard: Float32Array[] = [];
  async transcribe(audio: Float32Array): Promise<Transcript> {
    this.heard.push(audio);
    const ms = (audio.length / 16000) * 1000;
    return { text: `utterance ${this.heard.length}`, words: [{ text: 'utterance', startMs: 0, endMs: ms / 2 }, { text: String(this.heard.length), startMs: ms / 2, endMs: ms }], computeMs: 0 };
  }
}

function indexOfSlice(haystack: Float32Array, needle: Float32Array): number {
  const first = needle.findIndex((v) => v !== 0);
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (haystack[i + first] !== needle[first]) continue;
    let same = true;
    for (let j = 0; j < needle.length && same; j += 97) same = haystack[i + j] === needle[j];
    if (same) return i;
  }
  return -1;
}

describe('agent transcript of a recorded call', () => {
  it('transcribes each agent utterance once, at the times of the known track, from agent audio only', async () => {
    const call = callFromWavBytes(readFileSync(wavPath), wavPath);
    const track = readFileSync(trackPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { startMs: number; endMs: number });
    const recogniser = new RecordingRecogniser();
    const utterances = await transcribeAgent(call.agent, recogniser);

    // Every known agent line is covered by a recognised utterance (the VAD may split a line at a pause).
    for (const line of track) {
      const covering = utterances.filter((u) => u.endMs > line.startMs && u.startMs < line.endMs);
      expect(covering.length, `line at ${line.startMs} ms`).toBeGreaterThan(0);
      expect(Math.abs(covering[0]!.startMs - line.startMs)).toBeLessThan(400);
    }
    expect(utterances.length).toBeLessThanOrEqual(track.length * 2);

    // What the recogniser heard are slices of the agent channel, never of the customer's.
    for (const audio of recogniser.heard) {
      expect(indexOfSlice(call.agent, audio)).toBeGreaterThanOrEqual(0);
      expect(indexOfSlice(call.customer!, audio)).toBe(-1);
    }
    // Word times are in call time, inside their utterance (plus the padding).
    for (const u of utterances) {
      for (const w of u.words) {
        expect(w.startMs).toBeGreaterThanOrEqual(u.startMs - 200);
        expect(w.endMs).toBeLessThanOrEqual(u.endMs + 200 + 1);
      }
    }
  });
});
