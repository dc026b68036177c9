// Speech recognition figures. Always: the pipeline's own overhead per utterance (feature
// extraction, decoding loop, logits processing, word-timestamp alignment, worker IPC), measured
// on the tiny test Whisper so model compute is negligible, and separated from the time spent
// inside onnxruntime's session.run. When a real model is installed (`klachtcoach models download
// whisper-base`): real-time factor and the time from the end of an utterance to its text.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WhisperRecogniser } from '../main/asr/whisper-recogniser.ts';
import { SpeechWorker } from '../main/asr/speech-worker.ts';
import { installedModels } from '../main/asr/installed-models.ts';
import { modelsDir } from '../models/paths.ts';
import { installTinyWhisper, TINY_NAME } from '../test/asr/tiny-whisper/install.ts';
import { dutchWav, hasSpeechTools, readAgentAudio } from '../test/asr/dutch-speech.ts';
import { fmt, median, percentile } from './stats.ts';

const SENTENCES = [
  'Ik begrijp dat u boos bent, het spijt me dat het zo lang heeft geduurd.',
  'Ik zorg ervoor dat de monteur morgen voor twaalf uur bij u langskomt en ik bel u daarna zelf terug om te horen of alles is opgelost.',
];

function testAudio(dir: string): Float32Array[] {
  if (hasSpeechTools()) return SENTENCES.map((s, i) => readAgentAudio(dutchWav(s, mkdtempSync(join(dir, `s${i}-`)))));
  console.log('  (espeak-ng/sox missing: synthetic tones instead of Dutch speech)');
  return [3, 8].map((sec) => new Float32Array(sec * 16000).map((_, i) => 0.2 * Math.sin(i / 9) * Math.abs(Math.sin(i / 3000))));
}

/** Wraps every onnxruntime session so the time spent inside session.run can be subtracted. */
function meterSessions(r: WhisperRecogniser): { reset(): void; ms(): number; decoderSteps(): number } {
  let spent = 0;
  let steps = 0;
  for (const [key, session] of Object.entries(r.sessions)) {
    const run = session.run.bind(session);
    session.run = async (...args: unknown[]) => {
      const t = performance.now();
      if (key.startsWith('decoder')) steps++;
      try {
        return await run(...args);
      } finally {
        spent += performance.now() - t;
      }
    };
  }
  return { reset: () => { spent = 0; steps = 0; }, ms: () => spent, decoderSteps: () => steps };
}

const line = (label: string, values: number[], unit = 'ms') =>
  console.log(`  ${label.padEnd(44)} median ${fmt(median(values), 1).padStart(8)} ${unit}   p95 ${fmt(percentile(values, 95), 1).padStart(8)} ${unit}   (n=${values.length})`);

async function inProcess(dir: string, name: string, audios: Float32Array[], runs: number, label: string): Promise<void> {
  const recogniser = await WhisperRecogniser.load({ modelsDir: dir, name });
  const meter = meterSessions(recogniser);
  for (const audio of audios) {
    const seconds = audio.length / 16000;
    for (let i = 0; i < 3; i++) await recogniser.transcribe(audio); // warm-up: the first runs allocate and JIT
    const total: number[] = [];
    const ort: number[] = [];
    const steps: number[] = [];
    for (let i = 0; i < runs; i++) {
      meter.reset();
      const t = performance.now();
      await recogniser.transcribe(audio);
      total.push(performance.now() - t);
      ort.push(meter.ms());
      steps.push(meter.decoderSteps());
    }
    const overhead = total.map((t, i) => t - ort[i]!);
    console.log(`  ${label}, ${fmt(seconds, 1)} s utterance:`);
    line('  whole transcription', total);
    line('  inside onnxruntime session.run', ort);
    line('  pipeline overhead (whole − session.run)', overhead);
    line('  overhead per decoder step (token)', overhead.map((o, i) => o / Math.max(1, steps[i]!)));
    console.log(`    decoder steps per utterance: ${median(steps)}`);
    if (name !== TINY_NAME) line('  real-time factor (whole / audio length)', total.map((t) => t / 1000 / seconds), 'x ');
  }
  await recogniser.dispose();
}

async function throughWorker(dir: string, name: string, audios: Float32Array[], runs: number, label: string): Promise<void> {
  const worker = await SpeechWorker.start({ modelsDir: dir, name });
  try {
    for (const audio of audios) {
      await worker.transcribe(audio);
      const wall: number[] = [];
      const ipc: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const result = await worker.transcribe(audio);
        wall.push(performance.now() - t);
        ipc.push(performance.now() - t - result.computeMs);
      }
      console.log(`  ${label} via the speech worker, ${fmt(audio.length / 16000, 1)} s utterance:`);
      if (name !== TINY_NAME) line('  utterance end → text (final pass, round trip)', wall);
      line('  worker round-trip overhead (IPC, copy)', ipc);
    }
  } finally {
    await worker.close();
  }
}

export default async function asrBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kc-asr-bench-'));
  try {
    // Shared machines make every figure slower; print how busy this one was.
    console.log(`  machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min)`);
    const audios = testAudio(dir);
    installTinyWhisper(dir);
    console.log('Pipeline overhead, tiny test Whisper (model compute ≈ 0; vocabulary 1.8k tokens vs 51.9k in real Whisper,');
    console.log('so per-token logits work is larger with a real model):');
    await inProcess(dir, TINY_NAME, audios, 10, 'tiny');
    await throughWorker(dir, TINY_NAME, audios, 10, 'tiny');

    const real = installedModels();
    if (real.length === 0) {
      console.log(`\nNo real speech model in ${modelsDir()}: install one with \`npx klachtcoach models download whisper-base\``);
      console.log('to measure real-time factor and the time from utterance end to text.');
      return;
    }
    for (const name of real) {
      console.log(`\nReal model ${name}:`);
      await inProcess(modelsDir(), name, audios, 5, name);
      await throughWorker(modelsDir(), name, audios, 5, name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
