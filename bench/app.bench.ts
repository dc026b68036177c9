// Desktop app figures that do not need the Electron binary:
// - cost of the IPC guard per message (sender check + zod validation + handler + answer check),
//   for an invoke and for a capture level report (which also runs the headset-hint detector);
// - the capture page's own share of the headset hint: RMS of each 512-sample frame plus pairing
//   both channels by sequence number (renderer/capture/level-batcher.ts), per 32 ms of audio;
// - engine start: the time from forking the engine host (`klachtcoach serve`, what the app's
//   utilityProcess runs) to the overlay's desktop link being known, and the engine's memory then.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HeadsetHintDetector } from '../main/app/capture/headset-hint.ts';
import { EngineOutput } from '../main/app/engine/engine-output.ts';
import { freeLoopbackPort } from '../main/app/engine/free-port.ts';
import { createInvokeRouter, createSendRouter, type InvokeHandlers } from '../main/app/ipc/router.ts';
import { WindowRegistry } from '../main/app/ipc/sender.ts';
import { initialState, reduce } from '../main/app/state/app-state.ts';
import { LevelBatcher, rms } from '../renderer/capture/level-batcher.ts';
import { fmt, median, percentile } from './stats.ts';
import { freshEngineBundle } from '../test/app/engine-bundle.ts';

const ROOT = resolve(import.meta.dirname, '..');
const origin = 'http://127.0.0.1:43123';

async function ipcGuard(): Promise<void> {
  const registry = new WindowRegistry();
  registry.add(1, 'overlay');
  registry.add(2, 'capture');
  let state = initialState({ micDeviceId: null, clickThrough: false, firstRunDone: true });
  const handlers = {
    'app:get-state': () => state,
    'capture:set-paused': ({ paused }: { paused: boolean }) => (state = reduce(state, { type: 'set-paused', paused })),
  } as unknown as InvokeHandlers;
  const invoke = createInvokeRouter(handlers, { appOrigin: () => origin, registry });
  const overlay = { frameUrl: `${origin}/overlay.html#desktop=x`, isMainFrame: true, webContentsId: 1 };
  const detector = new HeadsetHintDetector();
  const send = createSendRouter(
    { 'capture:levels': ({ agentRms, customerRms }) => void detector.push(agentRms, customerRms) },
    { appOrigin: () => origin, registry },
    () => undefined,
  );
  const capture = { frameUrl: `${origin}/capture.html?autostart=1`, isMainFrame: true, webContentsId: 2 };
  const levels = { agentRms: Array.from({ length: 16 }, (_, i) => 0.01 * (i % 5)), customerRms: Array.from({ length: 16 }, (_, i) => 0.02 * (i % 7)) };

  const invokeUs: number[] = [];
  const sendUs: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    let t = performance.now();
    await invoke('capture:set-paused', overlay, { paused: i % 2 === 0 });
    invokeUs.push((performance.now() - t) * 1000);
    t = performance.now();
    send('capture:levels', capture, levels);
    sendUs.push((performance.now() - t) * 1000);
  }
  const warm = (xs: number[]) => xs.slice(2_000);
  console.log(`IPC invoke (capture:set-paused) guard+handler: median ${fmt(median(warm(invokeUs)))} µs, p95 ${fmt(percentile(warm(invokeUs), 95))} µs`);
  console.log(`IPC send (capture:levels, 16 frames) guard+headset hint: median ${fmt(median(warm(sendUs)))} µs, p95 ${fmt(percentile(warm(sendUs), 95))} µs`);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

async function engineStart(): Promise<void> {
  if (!existsSync(resolve(ROOT, 'dist/renderer/tablet.html'))) {
    console.log('engine start: skipped, the views are not built (npm run build)');
    return;
  }
  const startMs: number[] = [];
  const memMb: number[] = [];
  for (let run = 0; run < 3; run++) {
    const port = await freeLoopbackPort();
    const t0 = performance.now();
    const child = spawn(process.execPath, [freshEngineBundle(), 'serve', '--port', String(port), '--local'], { cwd: ROOT });
    const output = new EngineOutput();
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('engine did not print its overlay link within 60 s')), 60_000);
      child.stdout.on('data', (c: Buffer) => {
        output.push(c.toString());
        if (output.desktopLinks.overlay) {
          clearTimeout(timer);
          done();
        }
      });
      child.once('exit', (code) => fail(new Error(`engine exited with ${code}`)));
    });
    startMs.push(performance.now() - t0);
    memMb.push(rssMb(child.pid!));
    child.removeAllListeners('exit');
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
  }
  console.log(`engine start to overlay link (3 runs): median ${fmt(median(startMs), 0)} ms, max ${fmt(Math.max(...startMs), 0)} ms`);
  console.log(`engine memory when ready (RSS): median ${fmt(median(memMb), 0)} MB`);
}

function captureLevels(): void {
  const batcher = new LevelBatcher();
  const agent = Float32Array.from({ length: 512 }, (_, i) => 0.1 * Math.sin(i / 7));
  const customer = Float32Array.from({ length: 512 }, (_, i) => 0.5 * Math.sin(i / 3));
  // Timed 100 frames at a time: one frame is below the timer's resolution.
  const perFrameUs: number[] = [];
  let reports = 0;
  for (let round = 0, seq = 0; round < 400; round++) {
    const t = performance.now();
    for (let i = 0; i < 100; i++, seq++) {
      batcher.push('agent', seq, rms(agent));
      if (batcher.push('customer', seq, rms(customer))) reports++;
    }
    perFrameUs.push(((performance.now() - t) * 1000) / 100);
  }
  const warm = perFrameUs.slice(40);
  console.log(`capture page levels (RMS + pairing, both channels, per 32 ms frame): median ${fmt(median(warm))} µs, p95 ${fmt(percentile(warm, 95))} µs; ${reports} reports for 40,000 frames`);
}

export default async function bench(): Promise<void> {
  captureLevels();
  await ipcGuard();
  await engineStart();
}
