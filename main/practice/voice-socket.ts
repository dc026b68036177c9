// One round's voice socket: the Oefenen page sends the trainee's microphone as audio frames (the
// capture page's protocol), the server answers with JSON: whether the trainee is talking, "hush"
// when they talk over the customer (the customer stops at once), and the customer's reply when a
// spoken turn ends. The same round can still take typed answers and silences over HTTP.
import type { WebSocket } from 'ws';
import { AUDIO_FRAME, decodeAudioFrame } from '../contracts/protocol.ts';
import type { VoiceMessage } from '../contracts/practice-api.ts';
import { CUSTOMER_WAIT_MS } from './practice-session.ts';
import type { PracticeRounds } from './practice-rounds.ts';
import type { PracticeVoice } from './practice-server.ts';
import { VoiceTurns } from './voice-turns.ts';

/** About 10 s of audio (32-ms frames). */
const MAX_EARLY_FRAMES = 320;

export function acceptVoice(ws: WebSocket, roundId: string, rounds: PracticeRounds, voice: PracticeVoice, log?: (line: string) => void): void {
  const send = (message: VoiceMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const fail = (message: string): void => {
    send({ type: 'error', message });
    ws.close(1008, message.slice(0, 120));
  };
  let turns: VoiceTurns | null = null;
  const early: Float32Array[] = [];
  voice.vad().then((vad) => {
    turns = new VoiceTurns({
      vad, recogniser: voice.recogniser, waitMs: CUSTOMER_WAIT_MS,
      onSpeechStart: () => {
        send({ type: 'trainee', speaking: true });
        if (rounds.customerTalking(roundId)) send({ type: 'hush' });
      },
      onSpeechEnd: () => send({ type: 'trainee', speaking: false }),
      onTurn: (turn, audioNowMs) => {
        if (!rounds.has(roundId)) return;
        try {
          const reply = rounds.sayVoice(roundId, turn.text, audioNowMs - turn.startMs, turn.endMs - turn.startMs);
          send({ type: 'reply', said: turn.text, reply, heard: { startMs: turn.startMs, endMs: turn.endMs } });
          if (reply.over) ws.close(1000, 'round over');
        } catch (err) {
          fail((err as Error).message);
        }
      },
      onError: (message) => send({ type: 'error', message }),
    });
    for (const samples of early.splice(0)) void turns.push(samples);
  }).catch((err: unknown) => {
    log?.(`practice voice: ${(err as Error).message}`);
    fail(`de spraakherkenning kon niet starten: ${(err as Error).message}`);
  });
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return fail('send audio frames only');
    const frame = decodeAudioFrame(new Uint8Array(data as Buffer));
    if (!frame.ok) return fail(frame.error);
    if (frame.value.channel !== 'agent' || frame.value.samples.length !== AUDIO_FRAME.samples) return fail('only the trainee\'s microphone, in 512-sample frames');
    if (turns) turns.push(frame.value.samples).catch((err: unknown) => fail((err as Error).message));
    // Until the VAD is loaded (a moment), a few seconds are kept; beyond that the page is not waiting.
    else if (early.length < MAX_EARLY_FRAMES) early.push(frame.value.samples);
  });
  ws.on('close', () => turns?.close());
}
