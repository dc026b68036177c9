// Real Dutch speech for tests: espeak-ng's Dutch voice, resampled to 16 kHz mono with sox, read
// back through the engine's own WAV reader. Returns null (and the test skips) when the tools are
// missing, which `.ci/run` installs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callFromWavBytes } from '../../main/audio/call-audio.ts';

export function hasSpeechTools(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    execFileSync('sox', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Writes a 16 kHz mono WAV of the sentence and returns its path. */
export function dutchWav(text: string, dir = mkdtempSync(join(tmpdir(), 'kc-speech-'))): string {
  const raw = join(dir, 'espeak.wav');
  const out = join(dir, 'speech-16k.wav');
  execFileSync('espeak-ng', ['-v', 'nl', '-s', '150', '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', out]);
  return out;
}

export function readAgentAudio(wavPath: string): Float32Array {
  return callFromWavBytes(readFileSync(wavPath), wavPath).agent;
}
