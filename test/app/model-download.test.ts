// The first-run page's model download, end to end without Electron: the exact command line the
// app's utilityProcess runs (modelDownloadArgs through the engine bundle) against local
// fake hubs and the real manifest, its output folded into the page's progress events by the same
// parser the app uses. The fake hubs cannot serve bytes with whisper-base's real pinned sums, so
// this proves the button checks every file against the manifest's pins with no flag: fake weights
// end in "failed", naming the file and the pinned sum, and nothing is installed.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelProgress } from '../../main/contracts/ipc.ts';
import { modelDownloadArgs } from '../../main/app/engine/model-download-args.ts';
import { ModelProgressParser } from '../../main/app/engine/model-progress.ts';
import { loadManifest } from '../../models/manifest.ts';
import { startFakeHub, type FakeHub } from '../models/fake-hub.ts';
import { freshEngineBundle } from './engine-bundle.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hostScript = freshEngineBundle();
const entry = loadManifest().models['whisper-base']!;
const body = (path: string, i: number) => new TextEncoder().encode(`${path} ${'y'.repeat(20_000 * (i + 1))}`);
const files = Object.fromEntries(entry.files.map((f, i) => [f.path, body(f.path, i)]));

let hub: FakeHub;
let mirror: FakeHub;
const dirs: string[] = [];
beforeAll(async () => {
  hub = await startFakeHub(entry.repo, entry.revision, files);
  mirror = await startFakeHub(entry.repo, entry.revision, files);
});
afterAll(async () => {
  await hub.close();
  await mirror.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the download as the app does and returns every progress event the page would get. */
function downloadAsTheApp(args: string[]): Promise<{ events: ModelProgress[]; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kc-app-model-'));
  dirs.push(dataDir);
  const parser = new ModelProgressParser('whisper-base');
  const events: ModelProgress[] = [];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [hostScript, ...args], {
      cwd: root, env: { ...process.env, KLACHTCOACH_DATA_DIR: dataDir, KLACHTCOACH_HF_ENDPOINT: hub.endpoint },
    });
    const feed = (chunk: Buffer | string) => events.push(...parser.push(chunk.toString()));
    child.stdout?.on('data', feed);
    child.stderr?.on('data', feed);
    child.on('exit', (code) => {
      events.push(parser.finish(code ?? 1));
      resolve({ events, dataDir });
    });
  });
}

describe('model download from the first-run page', () => {
  it('runs the download without --accept-hub-sums, with the settings mirror when there is one', () => {
    expect(modelDownloadArgs('whisper-small')).toEqual(['models', 'download', 'whisper-small']);
    expect(modelDownloadArgs('whisper-base', 'https://models.intranet.example')).toEqual(['models', 'download', 'whisper-base', '--mirror', 'https://models.intranet.example']);
  });

  it('checks the weights against the pinned sums: fake ones end in failed, naming the file, and nothing is installed', async () => {
    const { events, dataDir } = await downloadAsTheApp(modelDownloadArgs('whisper-base'));
    expect(events.some((e) => e.phase === 'downloading' && e.fraction !== null && e.fraction > 0 && e.fraction < 1)).toBe(true);
    const last = events.at(-1)!;
    expect(last.phase).toBe('failed');
    expect(last.message).toContain(`checksum mismatch for whisper-base/onnx/encoder_model.onnx: expected sha256 ${entry.files.find((f) => f.path === 'onnx/encoder_model.onnx')!.sha256}`);
    expect(existsSync(join(dataDir, 'models/whisper-base'))).toBe(false);
    // Pinned sums need no question to the server about what the sum should be.
    expect(hub.requests.some((r) => r.method === 'HEAD')).toBe(false);
  }, 60_000);

  it('fetches from the mirror in the settings, not from the hub', async () => {
    const before = hub.requests.length;
    await downloadAsTheApp(modelDownloadArgs('whisper-base', mirror.endpoint));
    expect(mirror.requests.length).toBeGreaterThan(0);
    expect(mirror.requests.every((r) => r.path.startsWith(`/${entry.repo}/resolve/${entry.revision}/`))).toBe(true);
    expect(hub.requests.length).toBe(before);
  }, 60_000);
});
