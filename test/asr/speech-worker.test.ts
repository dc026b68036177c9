// End to end on the real stack: a tiny Whisper the test builds itself, installed like a real
// model, loaded by the speech worker process through transformers.js and onnxruntime-node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpeechWorker } from '../../main/asr/speech-worker.ts';
import { ModelMissingError } from '../../main/asr/model-errors.ts';
import { installTinyWhisper, TINY_NAME } from './tiny-whisper/install.ts';
import { dutchWav, hasSpeechTools, readAgentAudio } from './dutch-speech.ts';

const speechTools = hasSpeechTools();
if (!speechTools) console.warn('skipping WAV tests: espeak-ng or sox missing (installed by .ci/run)');

let modelsDir: string;
let worker: SpeechWorker;
let audio: Float32Array;
const restarts: number[] = [];

beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'kc-asr-'));
  installTinyWhisper(modelsDir);
  // One restart allowed per minute, so the last test can also check the restart budget.
  worker = await SpeechWorker.start({ modelsDir, name: TINY_NAME, threads: 1, maxRestarts: 1, onRestart: (r) => restarts.push(r.restarts) });
  if (speechTools) audio = readAgentAudio(dutchWav('Het spijt me dat u zo lang heeft moeten wachten.', modelsDir));
});

afterAll(async () => {
  await worker?.close();
  rmSync(modelsDir, { recursive: true, force: true });
});

describe.skipIf(!speechTools)('speech worker on the tiny Whisper', () => {
  it('turns a Dutch WAV into text with word timestamps in order and inside the audio', async () => {
    const durationMs = (audio.length / 16000) * 1000;
    const t = await worker.transcribe(audio);
    expect(t.text.length).toBeGreaterThan(0);
    expect(t.words.length).toBeGreaterThan(0);
    expect(t.words.map((w) => w.text).join(' ')).toBe(t.text.split(/\s+/).join(' '));
    for (let i = 0; i < t.words.length; i++) {
      const w = t.words[i]!;
      expect(w.startMs).toBeLessThanOrEqual(w.endMs);
      expect(w.endMs).toBeLessThanOrEqual(durationMs);
      if (i > 0) expect(w.startMs).toBeGreaterThanOrEqual(t.words[i - 1]!.startMs);
    }
    // Same audio, same model: same words (the pipeline is deterministic, nothing random at run time).
    expect((await worker.transcribe(audio)).text).toBe(t.text);
  });

  it('restarts after the worker process is killed with an utterance pending, answers it, and stops after too many crashes', async () => {
    const expected = (await worker.transcribe(audio)).text;
    const firstPid = worker.pid!;
    const answer = worker.transcribe(audio);
    process.kill(firstPid, 'SIGKILL');
    const t = await answer;
    expect(t.text).toBe(expected);
    expect(worker.pid).toBeDefined();
    expect(worker.pid).not.toBe(firstPid);
    expect(restarts).toEqual([1]);
    // And it keeps working afterwards.
    expect((await worker.transcribe(audio.subarray(0, 16000))).computeMs).toBeGreaterThan(0);

    // A second crash within the minute exceeds the budget: no restart loop, a clear error instead.
    process.kill(worker.pid!, 'SIGKILL');
    await expect.poll(() => worker.pid, { timeout: 10_000 }).toBeUndefined();
    await expect(worker.transcribe(audio)).rejects.toThrow(/exited \(SIGKILL\) 2 times within 60 s; speech recognition is off/);
    expect(restarts).toEqual([1]);
  });
});

describe('speech worker without a model', () => {
  it('fails to start with a message naming the download command', async () => {
    const err = await SpeechWorker.start({ modelsDir, name: 'whisper-base' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelMissingError);
    expect((err as Error).message).toContain('npx klachtcoach models download whisper-base');
    expect((err as Error).message).toContain(modelsDir);
  });
});
