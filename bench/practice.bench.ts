// Practice: the time from the end of the trainee's turn to the customer's next line (speech
// recognition excluded). Measured three ways: the state machine alone (engine, timing rules,
// coach, line choice) and the typed answer's HTTP request, every example round of every shipped
// scenario 20 times; and a spoken answer end to end: espeak-ng Dutch sent in real time over the
// round's voice socket, the real Silero VAD, the customer's wait (CUSTOMER_WAIT_MS after the last
// sound) and the reply on the socket, with a transcript track in place of Whisper. That last
// figure includes the deliberate wait: it is what the trainee hears.
import { loadCoachConfig } from '../main/coach/load-coach-config.ts';
import { PRACTICE_API_PATH, type RoundReply, type VoiceMessage } from '../main/contracts/practice-api.ts';
import { RuleEngine } from '../main/rules/engine.ts';
import { DEFAULT_RULES_DIR } from '../main/rules/default-dir.ts';
import { timingRuntimes } from '../main/practice/check-scenarios.ts';
import { loadScenariosOrThrow } from '../main/practice/load-scenarios.ts';
import { PracticeRounds } from '../main/practice/practice-rounds.ts';
import { PracticeServer } from '../main/practice/practice-server.ts';
import { PracticeSession } from '../main/practice/practice-session.ts';
import { DEFAULT_SCENARIOS_DIR } from '../main/practice/scenario-dir.ts';
import { scriptedInput } from '../main/practice/scripted-trainee.ts';
import { fmt, median, percentile } from './stats.ts';
import WebSocket from 'ws';
import { encodeAudioFrame, AUDIO_FRAME } from '../main/contracts/protocol.ts';
import { sileroCallVad } from '../main/engine/analyze-call.ts';
import { CUSTOMER_WAIT_MS } from '../main/practice/practice-session.ts';
import type { Scenario } from '../main/practice/scenario-schema.ts';
import { dutchWav, hasSpeechTools, readAgentAudio } from '../test/asr/dutch-speech.ts';
import { TranscriptTrack } from '../test/support/transcript-track.ts';

const REPEATS = 20;

export default async function bench(): Promise<void> {
  const engine = RuleEngine.fromDir(DEFAULT_RULES_DIR);
  const scenarios = loadScenariosOrThrow(DEFAULT_SCENARIOS_DIR).map((l) => l.scenario);
  const coachConfig = loadCoachConfig();
  const timingRules = timingRuntimes(engine);

  const inProcessMs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const scenario of scenarios) {
      for (const example of scenario.examples) {
        const session = new PracticeSession({ scenario, engine, timingRules, coachConfig });
        let customer = session.start();
        for (const turn of example.turns) {
          if (session.over) break;
          const input = scriptedInput(turn, customer, scenario.silenceMs);
          const t0 = performance.now();
          const result = session.answer(input);
          inProcessMs.push(performance.now() - t0);
          if (result.customer) customer = result.customer;
        }
        session.dispose();
      }
    }
  }

  const rounds = new PracticeRounds({ scenarios, engine, timingRules, coachConfig });
  const server = new PracticeServer({ rounds, staticDir: DEFAULT_SCENARIOS_DIR, port: 0 });
  const origin = new URL(await server.listen()).origin;
  const post = async (path: string, body: unknown): Promise<RoundReply> => {
    const res = await fetch(`${origin}${PRACTICE_API_PATH}${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as RoundReply;
  };
  const httpMs: number[] = [];
  try {
    for (let r = 0; r < REPEATS; r++) {
      for (const scenario of scenarios) {
        for (const example of scenario.examples) {
          let reply = await post('/rounds', { scenarioId: scenario.id, examen: false });
          for (const turn of example.turns) {
            if (reply.over) break;
            const t0 = performance.now();
            reply = 'silence' in turn
              ? await post(`/rounds/${reply.roundId}/silence`, {})
              : await post(`/rounds/${reply.roundId}/turn`, { text: turn.say });
            httpMs.push(performance.now() - t0);
          }
          if (!reply.over) await post(`/rounds/${reply.roundId}/stop`, {});
        }
      }
    }
  } finally {
    await server.close();
  }
  const voiceMs = hasSpeechTools() ? await spokenTurns(scenarios, engine, timingRules, coachConfig) : null;
  console.log(`practice: end of the trainee's turn to the customer's next line, ${scenarios.length} scenarios, every example round ${REPEATS}x (speech recognition excluded)`);
  console.log(`  state machine: median ${fmt(median(inProcessMs))} ms, p95 ${fmt(percentile(inProcessMs, 95))} ms, p99 ${fmt(percentile(inProcessMs, 99))} ms over ${inProcessMs.length} turns`);
  console.log(`  HTTP round trip (what the page waits for): median ${fmt(median(httpMs))} ms, p95 ${fmt(percentile(httpMs, 95))} ms, p99 ${fmt(percentile(httpMs, 99))} ms over ${httpMs.length} turns (target p95 ≤ 700 ms)`);
  if (voiceMs) {
    const line = (ms: number[]): string => `median ${fmt(median(ms))} ms, p95 ${fmt(percentile(ms, 95))} ms, max ${fmt(Math.max(...ms))} ms over ${ms.length} turns`;
    console.log(`  spoken, the customer's reply on the page's socket (the ${CUSTOMER_WAIT_MS}-ms wait included, Whisper excluded):`);
    console.log(`    from the end of speech as the VAD places it (the end of the turn): ${line(voiceMs.fromVadEnd)} (target p95 ≤ 700 ms)`);
    console.log(`    from the last sample above -40 dBFS (espeak-ng's quiet tail counted as talking): ${line(voiceMs.fromLastSound)}`);
  } else console.log('  spoken: skipped, espeak-ng or sox is not installed');
}

/** Where the sound ends in a sentence's audio (espeak-ng leaves a little silence after it). */
function lastSoundMs(samples: Float32Array): number {
  let i = samples.length - 1;
  while (i > 0 && Math.abs(samples[i]!) < 0.01) i--;
  return ((i + 1) / AUDIO_FRAME.sampleRateHz) * 1000;
}

/**
 * The good example of every scenario, spoken: each sentence in real time, then silence until the
 * customer's reply arrives. The clock starts when the frame holding the sentence's last sound has
 * been sent (a microphone delivers a frame when its last sample is in).
 */
async function spokenTurns(
  scenarios: Scenario[], engine: RuleEngine, timingRules: ReturnType<typeof timingRuntimes>, coachConfig: ReturnType<typeof loadCoachConfig>,
): Promise<{ fromVadEnd: number[]; fromLastSound: number[] }> {
  const sentences = scenarios.flatMap((s) => s.examples[0]!.turns.flatMap((t) => ('say' in t ? [t.say] : [])));
  const track = new TranscriptTrack(sentences);
  const rounds = new PracticeRounds({ scenarios, engine, timingRules, coachConfig });
  const server = new PracticeServer({ rounds, staticDir: DEFAULT_SCENARIOS_DIR, port: 0, voice: { recogniser: track, model: 'transcript track', vad: () => sileroCallVad(false) } });
  const origin = new URL(await server.listen()).origin;
  const fromVadEnd: number[] = [];
  const fromLastSound: number[] = [];
  try {
    for (const scenario of scenarios) {
      const res = await fetch(`${origin}${PRACTICE_API_PATH}/rounds`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ scenarioId: scenario.id, examen: false }),
      });
      const { roundId } = (await res.json()) as RoundReply;
      const ws = new WebSocket(`${origin.replace('http', 'ws')}${PRACTICE_API_PATH}/rounds/${roundId}/voice`, { headers: { Origin: origin } });
      let replied: ((heardEndMs: number) => void) | null = null;
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as VoiceMessage;
        if (m.type === 'reply') replied?.(m.heard.endMs);
      });
      await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
      const t0 = performance.now();
      let seq = 0;
      const sentAt: number[] = [];
      const sendFrame = async (samples: Float32Array): Promise<number> => {
        ws.send(encodeAudioFrame({ channel: 'agent', seq, startMs: seq * 32, samples }));
        seq++;
        sentAt.push(performance.now());
        await new Promise((r) => setTimeout(r, Math.max(0, t0 + seq * 32 - performance.now())));
        return sentAt.at(-1)!;
      };
      for (const turn of scenario.examples[0]!.turns) {
        if (!('say' in turn)) continue;
        const audio = readAgentAudio(dutchWav(turn.say));
        const endFrame = Math.floor((lastSoundMs(audio) / 1000) * AUDIO_FRAME.sampleRateHz / AUDIO_FRAME.samples);
        let endSentAt = 0;
        let got: number | null = null;
        let heardEndMs = 0;
        replied = (endMs) => {
          got = performance.now();
          heardEndMs = endMs;
        };
        const firstFrame = seq;
        for (let f = 0; (f + 1) * AUDIO_FRAME.samples <= audio.length; f++) {
          const at = await sendFrame(audio.subarray(f * AUDIO_FRAME.samples, (f + 1) * AUDIO_FRAME.samples));
          if (f === endFrame) endSentAt = at;
        }
        // Silence until the customer answers (at most 5 s), then a breath before the next sentence.
        for (let waited = 0; got === null && waited < 5000; waited += 32) await sendFrame(new Float32Array(AUDIO_FRAME.samples));
        if (got === null) throw new Error(`${scenario.id}: no reply to "${turn.say}"`);
        // The frame holding the VAD's end of speech (audio ms since the socket opened, 32 ms a frame).
        const vadEndSentAt = sentAt[Math.min(sentAt.length - 1, Math.floor(heardEndMs / 32))]!;
        fromVadEnd.push((got as number) - vadEndSentAt);
        fromLastSound.push((got as number) - endSentAt);
        if (Math.floor(heardEndMs / 32) < firstFrame) throw new Error(`${scenario.id}: the VAD placed the end before the sentence`);
        for (let i = 0; i < 10; i++) await sendFrame(new Float32Array(AUDIO_FRAME.samples));
        if (!rounds.has(roundId)) break;
      }
      ws.close();
    }
  } finally {
    await server.close();
  }
  return { fromVadEnd, fromLastSound };
}
