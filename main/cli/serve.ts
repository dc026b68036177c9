// `klachtcoach serve`: the live session headless. Serves the views, pairs tablets (QR code in the
// terminal and a typed code), runs the engine on audio from the capture page, or on a recorded
// call played in real time (--wav), and sends the coach's tips to the overlay and paired devices.
// The agent answers pairing requests here (or on the overlay). The network is open only while a
// pairing code is valid or a tablet is paired, unless --host says otherwise (serve-network.ts).
//
// Each call is recorded into the call store (--db, default the store's own path) as the agent
// (--agent, default the OS user): start, end, talk share, the agent's words as text, findings with
// shown/acknowledged. Never audio, never the customer's words. The same process runs the retention
// purge and serves the supervisor review screens under /review/ (one writer for the store).
// --no-store runs without any of that (`demo` records into a temporary store of its own).
// With a speech model installed (--model picks one) the agent channel is recognised live.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { createCallContext } from '../rules/engine.ts';
import { isTimingRuleRuntime } from '../turns/timing-detector.ts';
import { loadTranscriptFile } from '../engine/analyze-wav-file.ts';
import { DEFAULT_RULES_DIR } from '../rules/default-dir.ts';
import type { Utterance } from '../engine/call-timeline.ts';
import { SessionServer } from '../session/server.ts';
import { CapturedCalls, playRecordedCall, type CallSetup } from '../session/call-sources.ts';
import { CallRecording } from '../session/call-recording.ts';
import type { SessionServerOptions } from '../session/server.ts';
import { openStore, type CallStore } from '../store/open-store.ts';
import { defaultStorePath } from '../store/store-path.ts';
import { StoreError } from '../store/store-error.ts';
import { createCallRecorder } from '../store/call-recorder.ts';
import { startAutomaticPurge } from '../store/retention.ts';
import { closeStaleCalls } from '../store/stale-calls.ts';
import { countSupervisors } from '../store/supervisors.ts';
import { createReviewHandler, REVIEW_BASE_PATH } from '../review/review-handler.ts';
import { DesktopSync, describeSync } from '../sync/desktop-sync.ts';
import { createMineHandler, MINE_API_PATH } from '../sync/mine-api.ts';
import { pickModel } from '../asr/installed-models.ts';
import { SpeechWorker } from '../asr/speech-worker.ts';
import { modelsDir } from '../../models/paths.ts';
import { loadCoach, loadEngine } from './analyze.ts';
import { UserError } from './user-error.ts';
import { SERVE_OPTIONS } from './serve-options.ts';
import { serveNetwork, sessionServerNetwork, type ServeNetwork } from './serve-network.ts';
import { embeddedCommands, reportNetwork, reportPairingRequests, showPairing, terminalCommands, type PairingOrigins } from './serve-terminal.ts';
import { projectPath } from '../project-root.ts';

export const DEFAULT_PORT = 8787;
const DIST = projectPath('dist', 'renderer');

export interface ServeOptions {
  port: number;
  /** How tablets reach this machine (--local, --host, or the LAN address while pairing). */
  network: ServeNetwork;
  /** Print a pairing code at start; the desktop app asks for one when the agent wants to pair instead. */
  pairAtStart: boolean;
  wav?: string;
  transcript?: string;
  loop: boolean;
  speed: number;
  rulesDir: string;
  coachConfig?: string;
  devicesFile?: string;
  /** Call store file; null = record nothing (--no-store). */
  db: string | null;
  agent: string;
  /** --model NAME; otherwise the first installed model, if any. */
  model?: string;
  /** Review screens reachable from other machines, not only this one. */
  reviewOnLan: boolean;
  /** Printed under the review link: how to sign in (the demo's made-up supervisor). */
  reviewSignIn?: string;
}


export function parseServeArgs(args: string[]): ServeOptions {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: false, strict: true, options: SERVE_OPTIONS });
  } catch (err) {
    throw new UserError((err as Error).message, 2);
  }
  const v = parsed.values;
  const port = v.port === undefined ? DEFAULT_PORT : Number(v.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${v.port}: expected a port number 0-65535`, 2);
  const speed = v.speed === undefined ? 1 : Number(v.speed);
  if (!(speed > 0 && speed <= 50)) throw new UserError(`--speed ${v.speed}: expected a number above 0 and at most 50`, 2);
  if (v.transcript && !v.wav) throw new UserError('--transcript needs --wav (the transcript of that recording)', 2);
  if (v.loop && !v.wav) throw new UserError('--loop needs --wav', 2);
  for (const [flag, file] of [['--wav', v.wav], ['--transcript', v.transcript], ['--coach', v.coach]] as const) {
    if (file && !existsSync(file)) throw new UserError(`${flag} ${file}: file not found`, 2);
  }
  if (v.db && v['no-store']) throw new UserError('--db and --no-store contradict each other; pick one', 2);
  const agent = (v.agent ?? defaultAgentName()).trim();
  if (!agent || agent.length > 200) throw new UserError(`--agent "${v.agent}": expected a name of 1-200 characters`, 2);
  if (v.local && v.host !== undefined) throw new UserError('--local and --host contradict each other; pick one', 2);
  return {
    port, network: serveNetwork(v.local, v.host), pairAtStart: !v['pair-on-request'], loop: v.loop, speed, rulesDir: v.rules ?? DEFAULT_RULES_DIR,
    db: v['no-store'] ? null : (v.db ?? defaultStorePath()), agent, reviewOnLan: v['review-on-lan'],
    ...(v.model ? { model: v.model } : {}),
    ...(v.wav ? { wav: v.wav } : {}), ...(v.transcript ? { transcript: v.transcript } : {}),
    ...(v.coach ? { coachConfig: v.coach } : {}), ...(v.devices ? { devicesFile: v.devices } : {}),
  };
}

/** The agent is whoever is signed in on this desktop, unless --agent says otherwise. */
export function defaultAgentName(): string {
  try {
    return userInfo().username || 'agent';
  } catch {
    return 'agent';
  }
}

function callSetup(opts: ServeOptions): CallSetup {
  const engine = loadEngine(opts.rulesDir);
  return {
    coachConfig: loadCoach(engine, opts.coachConfig),
    timingRules: engine.timingRules.map((r) => r.runtime).filter(isTimingRuleRuntime),
    phraseRulesForCall: () => {
      const ctx = createCallContext();
      return (u: Utterance) => engine.analyzeUtterance(u, ctx);
    },
    vad: async (stereo) => {
      const { sileroCallVad } = await import('../engine/analyze-call.ts');
      return sileroCallVad(stereo);
    },
  };
}

export async function run(args: string[]): Promise<number> {
  return serve(parseServeArgs(args));
}

export async function serve(opts: ServeOptions): Promise<number> {
  if (!existsSync(`${DIST}/tablet.html`)) throw new UserError(`${DIST}: the views are not built; run \`npm run build\` first`);
  const setup = callSetup(opts);
  const transcript = opts.transcript ? loadTranscriptFile(opts.transcript) : undefined;
  const store = opts.db === null ? null : openCallStore(opts.db);
  const stopPurge = store ? startAutomaticPurge(store) : () => {};
  // Sends ended calls to the team server when this store is enrolled (`klachtcoach team enrol`).
  const sync = store ? new DesktopSync(store, { log: (line) => console.error(line) }) : null;
  let speech: SpeechWorker | null = null;
  try {
    if (store && sync) {
      recoverInterruptedCalls(store, sync);
      const recorder = createCallRecorder(store);
      setup.observerForCall = (callId) => sync.afterRecording(callId, new CallRecording({ recorder, callId, agentId: opts.agent, log: (line) => console.error(line) }));
      sync.start();
      console.log(describeSync(sync.overview()));
    }
    speech = transcript ? noteTranscriptWins(opts.model) : await startSpeech(opts.model);
    if (speech) setup.speech = speech;
    setup.log = (line) => console.error(line);
    const server = new SessionServer({
      staticDir: DIST,
      ...sessionServerNetwork(opts.network),
      port: opts.port,
      devicesFile: opts.devicesFile ?? null,
      log: (line) => console.error(`[session] ${line}`),
      ...(store ? { review: mountReview(store, opts.reviewOnLan) } : {}),
      ...(store && sync ? { desktopApi: { basePath: MINE_API_PATH, handler: createMineHandler(store, sync) } } : {}),
    });
    return await runSession(server, opts, setup, transcript, store);
  } finally {
    stopPurge();
    await sync?.stop();
    await speech?.close();
    store?.close();
  }
}

/** Calls a killed run left open are closed at their last event and sent on like any ended call. */
function recoverInterruptedCalls(store: CallStore, sync: DesktopSync): void {
  const closed = closeStaleCalls(store);
  if (closed.length === 0) return;
  console.error(`call store: ${closed.length} call(s) were left open by an interrupted run; closed at their last recorded moment`);
  for (const callId of closed) sync.callEnded(callId);
}

export function openCallStore(file: string): CallStore {
  try {
    return openStore(file);
  } catch (err) {
    if (err instanceof StoreError) throw new UserError(`${err.message} (or run without recording: --no-store)`);
    throw err;
  }
}

function mountReview(store: CallStore, lanAccess: boolean): NonNullable<SessionServerOptions['review']> {
  return { basePath: REVIEW_BASE_PATH, lanAccess, handler: createReviewHandler({ store, staticDir: DIST, basePath: REVIEW_BASE_PATH }) };
}

/** A known transcript is the agent's words already: no recogniser runs (as in `analyze`). */
function noteTranscriptWins(model: string | undefined): null {
  if (model) console.error(`speech: --transcript given, so the model ${model} is not used`);
  return null;
}

/** The speech worker for the model asked for or the first installed one; null (said once) when none is installed. */
async function startSpeech(requested: string | undefined): Promise<SpeechWorker | null> {
  const dir = modelsDir();
  const name = pickModel(requested, dir); // a missing --model NAME throws, naming the download command
  if (!name) {
    console.error('speech: no speech model installed, so only timing is coached (and a --transcript track, if given). '
      + 'For the agent\'s words install one: npx klachtcoach models download whisper-base');
    return null;
  }
  try {
    const worker = await SpeechWorker.start({ modelsDir: dir, name });
    console.error(`speech: recognising the agent's speech with ${name} (the customer's channel is never transcribed)`);
    return worker;
  } catch (err) {
    if (requested) throw err;
    console.error(`speech: ${name} could not be loaded (${(err as Error).message}); coaching on timing only`);
    return null;
  }
}

async function runSession(server: SessionServer, opts: ServeOptions, setup: CallSetup, transcript: Utterance[] | undefined, store: CallStore | null): Promise<number> {
  let listening;
  try {
    listening = await server.listen();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${opts.port} is in use; pick another with --port`);
    throw err;
  }
  const local = `http://127.0.0.1:${listening.port}`;
  const { lanHost } = opts.network;
  const origins: PairingOrigins = { local, lan: lanHost ? `http://${lanHost}:${listening.port}` : null };
  const origin = origins.lan ?? local;

  console.log(`Klachtcoach live session on ${origin}${lanHost && !opts.network.always ? ' (the network opens while pairing or paired)' : ''}`);
  console.log(`\nOverlay (this machine only):\n  ${server.createDesktopLink(local, 'overlay.html', 'Overlay')}`);
  console.log(`Your summary after each call (this machine only):\n  ${server.createDesktopLink(local, 'summary.html', 'Samenvatting')}`);
  if (existsSync(`${DIST}/capture.html`) && !opts.wav) {
    console.log(`Capture page (this machine only):\n  ${server.createDesktopLink(local, 'capture.html', 'Capture')}`);
  }
  if (store) {
    const reviewHost = opts.reviewOnLan ? origin : local;
    console.log(`Review screens (supervisor sign-in${opts.reviewOnLan ? '' : ', this machine only'}):\n  ${reviewHost}${REVIEW_BASE_PATH}/`);
    if (opts.reviewSignIn) console.log(`  ${opts.reviewSignIn}`);
    console.log(`Mijn momenten (the agent's own moments and sharing choice, this machine only):\n  ${server.createDesktopLink(local, 'mine.html', 'Mijn momenten')}`);
    console.log(`Recording calls of agent "${opts.agent}" in ${store.file} (text only, no audio; --no-store turns this off)`);
    if (countSupervisors(store) === 0) console.log('  (no supervisor accounts yet: klachtcoach review add-supervisor NAME --db FILE)');
    if (opts.reviewOnLan && lanHost) console.error('review: warning: plain HTTP on the network sends supervisor passwords and call data unencrypted');
    if (opts.reviewOnLan && lanHost && !opts.network.always) console.error('review: the network is open only while pairing or a tablet is paired; --host IP keeps it open');
  } else {
    console.log('Not recording calls: no call history, no review screens (serve records unless --no-store; demo only with --db FILE).');
  }
  reportNetwork(server);
  if (opts.pairAtStart) await showPairing(server, origins);
  else console.log('\nPairing: a code is made when asked for (type c, or "Tablet koppelen" in the app).');

  reportPairingRequests(server);

  const stop = new AbortController();
  const commands = [terminalCommands(server, origins, () => stop.abort()), embeddedCommands(server, origins)];
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());

  try {
    if (opts.wav) {
      do {
        console.log(`\nPlaying ${opts.wav} in real time${opts.speed !== 1 ? ` at ${opts.speed}x` : ''}…`);
        const summary = await playRecordedCall(server, opts.wav, transcript, {
          ...setup,
          onFinding: (f) => console.log(`  ${(f.atMs / 1000).toFixed(1).padStart(5)} s  ${f.kind === 'flag' ? 'FLAG  ' : 'PRAISE'} ${f.behaviour}`),
        }, { speed: opts.speed, signal: stop.signal });
        console.log(`Call ended: ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.tips.length} tip(s) shown.`);
        if (opts.loop && !stop.signal.aborted) await sleep(5_000, stop.signal);
      } while (opts.loop && !stop.signal.aborted);
      if (!opts.loop) await waitForAbort(stop.signal);
    } else {
      const calls = new CapturedCalls(server, setup, 3_000, (s) => console.log(`Call ended: ${(s.durationMs / 1000).toFixed(1)} s, ${s.tips.length} tip(s).`));
      console.log('\nWaiting for audio from the capture page…');
      await waitForAbort(stop.signal);
      await calls.close();
    }
  } finally {
    for (const c of commands) c.close();
    await server.close();
  }
  return 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
}
