// The wiring between engine, coach and server: findings become tips through the cue policy, an
// ack clears the tip everywhere, pause stops analysis, capture-page frames become calls, and `serve`
// names bad options.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_COACH_CONFIG } from '../../main/coach/coach-config.ts';
import type { Finding } from '../../main/contracts/finding.ts';
import { encodeAudioFrame } from '../../main/contracts/protocol.ts';
import { callVadFromChannels, type VadModel } from '../../main/vad/vad-model.ts';
import { LiveCall } from '../../main/session/live-call.ts';
import { CapturedCalls } from '../../main/session/call-sources.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { parseServeArgs } from '../../main/cli/serve.ts';
import { UserError } from '../../main/cli/user-error.ts';
import { memoryCredentials } from '../../renderer/session-client/index.ts';
import type { SessionClient } from '../../renderer/session-client/types.ts';
import { nextEvent, pairClient, startServer, until, wsWithOrigin } from './helpers.ts';
import { createSessionClient } from '../../renderer/session-client/index.ts';
import { RuleEngine } from '../../main/rules/engine.ts';
import { isTimingRuleRuntime } from '../../main/turns/timing-detector.ts';

const loud: VadModel = {
  probability: async (f) => (f.some((s) => Math.abs(s) > 0.05) ? 0.95 : 0.02),
  reset: () => {},
};
const vad = () => callVadFromChannels(loud, loud);

function flag(u: { startMs?: number; endMs: number; text: string }): Finding {
  const startMs = u.startMs ?? 0;
  return { kind: 'flag', behaviour: 'bagatelliseren', ruleId: 'bagatelliseren-valt-mee', atMs: u.endMs, tip: 'Toon begrip.', severity: 'medium', source: 'text',
    span: { startChar: 0, endChar: 4, text: u.text.slice(0, 4) }, utterance: { startMs, endMs: u.endMs, text: u.text }, rangeMs: { startMs, endMs: u.endMs } };
}

function fakeClock() {
  const c = { t: 0, nowMs: () => c.t, setTimer: () => () => {} };
  return c;
}

const silence = (ms: number) => new Float32Array(Math.round((ms / 1000) * 16_000));

let server: SessionServer | null = null;
const clients: SessionClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = null;
});

/** A server, a capture page connected as the desktop, and calls made from its frames (300 ms idle end). */
async function captureSession() {
  const s = await startServer();
  server = s.server;
  const link = s.server.createDesktopLink(s.origin, 'capture.html');
  const [deviceId, key] = new URLSearchParams(new URL(link).hash.slice(1)).get('desktop')!.split('.');
  const capture = createSessionClient({ url: s.wsUrl, credentials: memoryCredentials({ deviceId: deviceId!, key: key!, role: 'desktop' }), WebSocketImpl: wsWithOrigin(s.origin) });
  clients.push(capture);
  capture.connect();
  await until(() => capture.status === 'connected');
  const ended: number[] = [];
  const calls = new CapturedCalls(s.server, { coachConfig: DEFAULT_COACH_CONFIG, vad: async () => vad() }, 300, (summary) => ended.push(summary.durationMs));
  return { s, capture, calls, ended };
}

describe('live call', () => {
  it('turns a finding into a tip without the agent words; an ack clears it on every device and the summary lists it', async () => {
    const s = await startServer();
    server = s.server;
    const { client } = await pairClient(s.server, s.origin, s.wsUrl);
    clients.push(client);
    const found: Finding[] = [];
    const call = new LiveCall({
      callId: 'c1', server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(),
      transcript: [{ startMs: 200, endMs: 900, text: 'valt wel mee' }], phraseRules: (u) => [flag(u)], onFinding: (f) => found.push(f),
    });
    const tip = nextEvent(client, 'tip');
    await call.pushFrames(silence(1000), silence(1000));
    const shown = await tip;
    expect(found).toHaveLength(1);
    expect(shown).toMatchObject({ behaviour: 'bagatelliseren', tip: 'Toon begrip.', atMs: 900 });
    expect(shown).not.toHaveProperty('span');
    expect(shown).not.toHaveProperty('utterance');

    const cleared = nextEvent(client, 'tip:cleared');
    client.ack(shown.id);
    expect(await cleared).toEqual({ tipId: shown.id, by: 'ack' });
    const summary = nextEvent(client, 'call:end');
    const result = await call.end();
    expect(result.tips.map((t) => t.id)).toEqual([shown.id]);
    expect((await summary).callId).toBe('c1');
  });

  it('summarises every finding of the call, also those the coach kept off the screen', async () => {
    const s = await startServer();
    server = s.server;
    const praise = (u: { endMs: number; text: string }): Finding => ({
      kind: 'praise', behaviour: 'begrip_tonen', ruleId: 'begrip-tonen-ik-snap', atMs: u.endMs, tip: 'Goed: je toonde begrip.', severity: 'info', source: 'text', rangeMs: { startMs: 0, endMs: u.endMs },
    });
    const call = new LiveCall({
      callId: 'c2', server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(),
      transcript: [
        { startMs: 100, endMs: 400, text: 'dat snap ik' },
        { startMs: 500, endMs: 800, text: 'dat begrijp ik' },
        { startMs: 900, endMs: 1200, text: 'valt wel mee' },
      ],
      phraseRules: (u) => [u.text === 'valt wel mee' ? flag(u) : praise(u)],
    });
    await call.pushFrames(silence(1500), silence(1500));
    const result = await call.end();
    // One tip at a time and praise sparingly: not all three findings became tips.
    expect(result.tips.length).toBeLessThan(3);
    // Each says how many of its findings the agent saw as a tip: the summary tells that story.
    const shownOf = (behaviour: string) => result.tips.filter((t) => t.behaviour === behaviour).length;
    expect(result.observed).toEqual([
      { kind: 'praise', behaviour: 'begrip_tonen', count: 2, severity: 'info', tip: 'Goed: je toonde begrip.', atMs: 800, shown: shownOf('begrip_tonen'), lowConfidence: 0 },
      { kind: 'flag', behaviour: 'bagatelliseren', count: 1, severity: 'medium', tip: 'Toon begrip.', atMs: 1200, shown: shownOf('bagatelliseren'), lowConfidence: 0 },
    ]);
    expect(result.observed!.reduce((n, o) => n + (o.shown ?? 0), 0)).toBe(result.tips.length);
  });

  it('while paused, analyses nothing the agent says and tells every device', async () => {
    const s = await startServer();
    server = s.server;
    const { client } = await pairClient(s.server, s.origin, s.wsUrl);
    clients.push(client);
    const found: Finding[] = [];
    const call = new LiveCall({
      callId: 'c2', server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(),
      transcript: [{ startMs: 1200, endMs: 1800, text: 'in de pauze' }, { startMs: 3200, endMs: 3800, text: 'na de pauze' }],
      phraseRules: (u) => [flag(u)], onFinding: (f) => found.push(f),
    });
    const paused = new Promise<void>((resolve) => { const off = client.on('live', (l) => { if (l.capture === 'paused') { off(); resolve(); } }); });
    await call.pushFrames(silence(1000), silence(1000));
    call.setPaused(true);
    await paused;
    const loudAgent = new Float32Array(16_000).fill(0.5);
    await call.pushFrames(loudAgent, silence(1000));
    call.setPaused(false);
    await call.pushFrames(silence(2000), silence(2000));
    expect(found.map((f) => f.utterance?.text)).toEqual(['na de pauze']);
    expect(call.clockMs).toBeGreaterThanOrEqual(3990);
    await call.end();
  });

  it('does not call a paused stretch dead air: the silence the agent paused is not looked at', async () => {
    const s = await startServer();
    server = s.server;
    const deadAir = RuleEngine.fromDir('rules').timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime).filter((r) => r.header.type === 'dead-air');
    const run = async (pauseAtMs: number | null) => {
      const found: Finding[] = [];
      const call = new LiveCall({ callId: `d${pauseAtMs}`, server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(), timingRules: deadAir, onFinding: (f) => found.push(f) });
      await call.pushFrames(new Float32Array(16_000).fill(0.5), silence(1000));
      await call.pushFrames(silence(1000), silence(1000));
      if (pauseAtMs !== null) call.setPaused(true);
      await call.pushFrames(silence(12_000), silence(12_000));
      call.setPaused(false);
      await call.pushFrames(silence(1000), silence(1000));
      await call.end();
      return found.map((f) => f.behaviour);
    };
    expect(await run(null)).toEqual(['stilte_zonder_uitleg']);
    expect(await run(2000)).toEqual([]);
  });

  it("judges the agent's pace live, from what the recogniser heard (issue 13)", async () => {
    const s = await startServer();
    server = s.server;
    const pace = RuleEngine.fromDir('rules').timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime).filter((r) => r.header.type === 'pace');
    expect(pace).toHaveLength(1);
    // 39 syllables; the recogniser spreads its words over the audio it was given.
    const sentence = 'Ik heb in het systeem gezien dat de factuur van vorige maand verkeerd is berekend en dat we dat bedrag nu terugstorten op uw rekening.';
    const recogniser = (wordsSaid: string[]) => ({
      transcribe: async (audio: Float32Array) => {
        const ms = (audio.length / 16_000) * 1000;
        const words = wordsSaid.map((text, i) => ({ text, startMs: (i * ms) / wordsSaid.length, endMs: ((i + 0.9) * ms) / wordsSaid.length }));
        return { text: wordsSaid.join(' '), words, computeMs: 0 };
      },
    });
    const run = async (wordsSaid: string[]) => {
      const found: Finding[] = [];
      const call = new LiveCall({ callId: `pace-${wordsSaid.length}`, server: s.server, vad: vad(), coachConfig: DEFAULT_COACH_CONFIG, clock: fakeClock(),
        speech: recogniser(wordsSaid), timingRules: pace, onFinding: (f) => found.push(f) });
      // Three agent turns of 5 s with a second's pause between them: 15 s of speech in 17 s.
      for (let turn = 0; turn < 3; turn++) {
        await call.pushFrames(new Float32Array(5 * 16_000).fill(0.5), silence(5000));
        await call.pushFrames(silence(1000), silence(1000));
      }
      await call.end();
      return found;
    };
    // About 7.8 syllables a second, sustained: one tip to slow down, about the stretch spoken.
    const fast = await run(sentence.split(' '));
    expect(fast.map((f) => [f.behaviour, f.source, f.ruleId])).toEqual([['rustig_blijven', 'timing', 'rustig-blijven-tempo']]);
    expect(fast[0]!.rangeMs.startMs).toBeLessThan(1000);
    expect(fast[0]!.tip).toBe('Praat wat rustiger, dan kan de klant je volgen.');
    // Half the words in the same time is an ordinary pace.
    expect(await run(sentence.split(' ').filter((_, i) => i % 2 === 0))).toEqual([]);
  });

  it('makes calls from capture-page frames: agent and customer joined by sequence number', async () => {
    const { s, capture, calls, ended } = await captureSession();
    const started = new Promise<void>((resolve) => { const off = s.server.on('audio:frame', () => { off(); resolve(); }); });
    for (let seq = 0; seq < 40; seq++) {
      const samples = new Float32Array(512);
      expect(capture.sendAudioFrame({ channel: 'customer', seq, startMs: seq * 32, samples })).toBe(true);
      expect(capture.sendAudioFrame({ channel: 'agent', seq, startMs: seq * 32, samples })).toBe(true);
    }
    await started;
    await until(() => ended.length === 1, 5_000, 'call end after idle');
    expect(ended[0]).toBe(40 * 32);
    await calls.close();
    // A wrong-sized frame from the desktop is a named error, not a crash: the socket is closed.
    const refused = new Promise<string>((resolve) => { const off = s.server.on('refused', (r) => { off(); resolve(r.reason); }); });
    const bad = new Uint8Array(encodeAudioFrame({ channel: 'agent', seq: 1, startMs: 0, samples: new Float32Array(512) })).slice(0, 100);
    (capture as unknown as { ws: WebSocket }).ws.send(bad);
    expect(await refused).toMatch(/audio frame: 100 bytes/);
  });
});

describe('captured calls and pause', () => {
  it('keeps the call open while capture is paused, however long, and ends it once frames stay away after resuming', async () => {
    const { s, capture, calls, ended } = await captureSession();
    const send = (from: number, to: number) => {
      for (let seq = from; seq < to; seq++) capture.sendAudioFrame({ channel: 'agent', seq, startMs: seq * 32, samples: new Float32Array(512) });
    };
    let frames = 0;
    const offCount = s.server.on('audio:frame', () => { frames++; });
    send(0, 10);
    await until(() => frames === 10, 5_000, 'first frames');
    const paused = new Promise<void>((resolve) => { const off = s.server.on('capture:set', () => { off(); resolve(); }); });
    capture.setCapture('paused');
    await paused;
    await new Promise((r) => setTimeout(r, 900)); // three idle periods with no frames
    expect(ended).toEqual([]);
    capture.setCapture('on');
    send(10, 20);
    await until(() => ended.length === 1, 5_000, 'call end after resuming and going idle');
    expect(ended[0]).toBe(20 * 32); // one call with all frames, not two
    offCount();
    await calls.close();
  });
});

describe('serve options', () => {
  it.each([
    [['--port', 'x'], /--port x: expected a port number/],
    [['--speed', '0'], /--speed 0/],
    [['--transcript', 'a.jsonl'], /--transcript needs --wav/],
    [['--wav', '/nope/call.wav'], /--wav \/nope\/call.wav: file not found/],
    [['--frobnicate'], /frobnicate/],
  ])('names what is wrong with %j', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(UserError);
    expect(() => parseServeArgs(args)).toThrow(message);
  });

  it('defaults to port 8787 and the LAN address, or loopback only with --local', () => {
    expect(parseServeArgs(['--local'])).toMatchObject({ port: 8787, network: { lanHost: null }, speed: 1, loop: false });
    expect(parseServeArgs(['--host', '10.1.2.3', '--port', '0'])).toMatchObject({ port: 0, network: { lanHost: '10.1.2.3', always: true } });
  });
});
