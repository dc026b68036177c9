// A live call recorded through the store's real recorder (SQLite in memory): the coach's decisions
// decide `shown`, the tablet's "begrepen" decides `acknowledged`, a paused stretch leaves no words
// behind, and a store that fails mid-call costs the record, never the coaching.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import type { Finding } from '../../main/contracts/finding.ts';
import { LiveCall } from '../../main/session/live-call.ts';
import { CallRecording } from '../../main/session/call-recording.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { createCallRecorder } from '../../main/store/call-recorder.ts';
import { openStore, type CallStore } from '../../main/store/open-store.ts';
import { callVadFromChannels, type VadModel } from '../../main/vad/vad-model.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nextEvent, pairClient, startServer } from './helpers.ts';

const loud: VadModel = { probability: async (f) => (f.some((s) => Math.abs(s) > 0.05) ? 0.95 : 0.02), reset: () => {} };
const vad = () => callVadFromChannels(loud, loud);
const silence = (ms: number) => new Float32Array(Math.round((ms / 1000) * 16_000));

function flag(u: { startMs: number; endMs: number; text: string }): Finding {
  return { kind: 'flag', behaviour: 'bagatelliseren', ruleId: 'bagatelliseren-valt-mee', atMs: u.endMs, tip: 'Toon begrip.', severity: 'medium', source: 'text',
    span: { startChar: 0, endChar: 4, text: u.text.slice(0, 4) }, utterance: { startMs: u.startMs, endMs: u.endMs, text: u.text }, rangeMs: { startMs: u.startMs, endMs: u.endMs } };
}

function fakeClock() {
  const c = { t: 0, nowMs: () => c.t, setTimer: () => () => {} };
  return c;
}

let server: SessionServer | null = null;
let store: CallStore | null = null;
const clients: SessionClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
  store?.close();
  store = null;
});

describe('recording a live call', () => {
  it('stores the words judged, each finding with shown/acknowledged as the agent saw it, and the end with talk share', async () => {
    const s = await startServer();
    server = s.server;
    const { client } = await pairClient(s.server, s.origin, s.wsUrl);
    clients.push(client);
    store = openStore(':memory:');
    const log: string[] = [];
    const recording = new CallRecording({ recorder: createCallRecorder(store), callId: 'rec-1', agentId: 'agent-bo', log: (l) => log.push(l) });
    const call = new LiveCall({
      callId: 'rec-1', server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(), observer: recording,
      transcript: [
        { startMs: 200, endMs: 900, text: 'valt wel mee' },
        { startMs: 1200, endMs: 1800, text: 'in de pauze' },
        // Same behaviour again within its cooldown: the coach holds it back, so it is stored as not shown.
        { startMs: 3200, endMs: 3800, text: 'valt echt mee' },
      ],
      phraseRules: (u) => [flag(u)],
    });
    const tip = nextEvent(client, 'tip');
    await call.pushFrames(silence(1000), silence(1000));
    const shown = await tip;
    const cleared = nextEvent(client, 'tip:cleared');
    client.ack(shown.id);
    await cleared;
    call.setPaused(true);
    await call.pushFrames(new Float32Array(16_000).fill(0.5), silence(1000));
    call.setPaused(false);
    // Both speak (in turn) after the pause: the stored talk share lies strictly between 0 and 1.
    await call.pushFrames(new Float32Array(8_000).fill(0.5), silence(500));
    await call.pushFrames(silence(1000), new Float32Array(16_000).fill(0.5));
    await call.pushFrames(silence(1500), silence(1500));
    const summary = await call.end();

    const db = store.db;
    // Who spoke when, timing only: for review's bars, and in the summary the devices get.
    // (The agent stops and the customer starts at 2.5 s; boundaries are placed to the 8-ms block.)
    const turns = [{ party: 'agent', startMs: 2000, endMs: 2504 }, { party: 'customer', startMs: 2496, endMs: 3504 }];
    expect(db.prepare('SELECT party, start_ms AS startMs, end_ms AS endMs FROM turn_segments ORDER BY start_ms').all()).toEqual(turns);
    expect(summary.turns).toEqual(turns);
    expect(db.prepare('SELECT text FROM utterances ORDER BY start_ms').pluck().all()).toEqual(['valt wel mee', 'valt echt mee']);
    expect(db.prepare('SELECT at_ms AS atMs, shown, acknowledged FROM findings ORDER BY at_ms').all()).toEqual([
      { atMs: 900, shown: 1, acknowledged: 1 },
      { atMs: 3800, shown: 0, acknowledged: 0 },
    ]);
    const row = db.prepare('SELECT agent_id AS agentId, ended_at_ms AS endedAtMs, agent_talk_share AS share FROM calls WHERE id = ?').get('rec-1') as { agentId: string; endedAtMs: number | null; share: number | null };
    expect(row.agentId).toBe('agent-bo');
    expect(row.endedAtMs).not.toBeNull();
    expect(row.share).toBeGreaterThan(0);
    expect(row.share).toBeLessThan(1);
    expect(log).toEqual([]);
  });

  it('keeps coaching when the store fails mid-call, and says what was not recorded', async () => {
    const s = await startServer();
    server = s.server;
    const { client } = await pairClient(s.server, s.origin, s.wsUrl);
    clients.push(client);
    const failing = openStore(':memory:');
    const log: string[] = [];
    const recording = new CallRecording({ recorder: createCallRecorder(failing), callId: 'rec-2', agentId: 'agent-bo', log: (l) => log.push(l) });
    failing.close(); // the disk went away after the call started
    const call = new LiveCall({
      callId: 'rec-2', server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(), observer: recording,
      transcript: [{ startMs: 200, endMs: 900, text: 'valt wel mee' }], phraseRules: (u) => [flag(u)],
    });
    const tip = nextEvent(client, 'tip');
    await call.pushFrames(silence(1000), silence(1000));
    expect((await tip).tip).toBe('Toon begrip.');
    await call.end();
    expect(log.length).toBeGreaterThan(0);
    expect(log.join('\n')).toMatch(/call store: could not (record an utterance|record finding bagatelliseren-valt-mee) for rec-2/);
  });
});

describe('live speech in a live call', () => {
  it('judges recognised agent turns in the timeline, and the recogniser hears nothing of a paused stretch or the customer', async () => {
    const s = await startServer();
    server = s.server;
    store = openStore(':memory:');
    const heard: Float32Array[] = [];
    // Says what it heard: "luid" for agent audio (0.5), "stil" when it got silence only.
    const recogniser = {
      transcribe: async (audio: Float32Array) => {
        heard.push(audio);
        const words = audio.some((x) => x === 0.5) ? ['valt', 'wel', 'mee', 'luid'] : audio.some((x) => x === 0.375) ? ['zacht'] : [];
        return { text: words.join(' '), words: words.map((text, i) => ({ text, startMs: i * 100, endMs: i * 100 + 90 })), computeMs: 0 };
      },
    };
    const judged: string[] = [];
    const call = new LiveCall({
      callId: 'asr-1', server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(), speech: recogniser,
      observer: new CallRecording({ recorder: createCallRecorder(store), callId: 'asr-1', agentId: 'agent-bo', log: () => {} }),
      phraseRules: (u) => { judged.push(u.text); return [flag(u)]; },
    });
    const agentTurn = new Float32Array(16_000).fill(0.5);
    await call.pushFrames(agentTurn, silence(1000));
    await call.pushFrames(silence(1000), silence(1000));
    call.setPaused(true);
    await call.pushFrames(agentTurn, silence(1000)); // spoken while paused
    call.setPaused(false);
    // Speaking again right after the pause: the onset pre-roll reaches back into the paused stretch.
    await call.pushFrames(new Float32Array(16_000).fill(0.375), silence(1000));
    await call.pushFrames(silence(1000), silence(1000));
    await call.pushFrames(silence(1000), new Float32Array(16_000).fill(0.25)); // the customer talks
    await call.pushFrames(silence(1000), silence(1000));
    await call.end();

    expect(judged).toEqual(['valt wel mee luid', 'zacht']);
    // The turn after the pause was heard without a sample of the paused one (its pre-roll was
    // silence), and no sample of the customer (0.25) ever reached the recogniser.
    const afterPause = heard.filter((a) => a.some((x) => x === 0.375));
    expect(afterPause.length).toBeGreaterThan(0);
    expect(afterPause.every((a) => !a.some((x) => x === 0.5))).toBe(true);
    expect(heard.every((a) => !a.some((x) => x === 0.25))).toBe(true);
    const rows = store.db.prepare('SELECT text FROM utterances ORDER BY start_ms').pluck().all();
    expect(rows).toEqual(['valt wel mee luid', 'zacht']);
    expect(store.db.prepare("SELECT COUNT(*) FROM findings WHERE source = 'text'").pluck().get()).toBe(2);
  });
});
