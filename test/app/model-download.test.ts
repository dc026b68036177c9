// The first-run page's model download, end to end without Electron: the exact command line the
// app's utilityProcess runs (modelDownloadArgs through the engine bundle) against a
// local fake Hugging Face hub and the real manifest, its output folded into the page's progress
// events by the same parser the app uses. The manifest pins no sums yet, so this proves the
// button can succeed at all, and that a file whose bytes do not match the hub's SHA-256 is still
// refused with a message naming it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
const dirs: string[] = [];
beforeAll(async () => {
  hub = await startFakeHub(entry.repo, entry.revision, files);
});
afterAll(async () => {
  await hub.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the download as the app does and returns every progress event the page would get. */
function downloadAsTheApp(endpoint: string): Promise<{ events: ModelProgress[]; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kc-app-model-'));
  dirs.push(dataDir);
  const parser = new ModelProgressParser('whisper-base');
  const events: ModelProgress[] = [];
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [hostScript, ...modelDownloadArgs('whisper-base')], {
      cwd: root, env: { ...process.env, KLACHTCOACH_DATA_DIR: dataDir, KLACHTCOACH_HF_ENDPOINT: endpoint },
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
  it('asks the installer to verify against the hub sums, since the manifest pins none yet', () => {
    expect(modelDownloadArgs('whisper-small')).toEqual(['models', 'download', 'whisper-small', '--accept-hub-sums']);
    expect(entry.files.some((f) => f.sha256 === null)).toBe(true);
  });

  it('installs the model with progress and ends in done', async () => {
    const { events, dataDir } = await downloadAsTheApp(hub.endpoint);
    const last = events.at(-1)!;
    expect(last, JSON.stringify(last)).toEqual({ model: 'whisper-base', phase: 'done', fraction: 1 });
    expect(events.some((e) => e.phase === 'downloading' && e.fraction !== null && e.fraction > 0 && e.fraction < 1)).toBe(true);
    const installed = join(dataDir, 'models/whisper-base');
    expect(readFileSync(join(installed, 'tokenizer.json'))).toEqual(Buffer.from(files['tokenizer.json']!));
    // The hub checked the HEAD of every .onnx file for its published SHA-256 before download.
    expect(hub.requests.some((r) => r.method === 'HEAD' && r.path.endsWith('encoder_model.onnx'))).toBe(true);
  }, 60_000);

  it('fails with the file named when the bytes do not match the sum the hub publishes', async () => {
    const onnx = entry.files.find((f) => f.path.endsWith('encoder_model.onnx'))!.path;
    const liar = await startTamperingProxy(hub.endpoint, onnx);
    try {
      const { events, dataDir } = await downloadAsTheApp(liar.endpoint);
      const last = events.at(-1)!;
      expect(last.phase).toBe('failed');
      expect(last.message).toContain('encoder_model.onnx');
      expect(existsSync(join(dataDir, 'models/whisper-base'))).toBe(false);
    } finally {
      await liar.close();
    }
  }, 60_000);
});

/**
 * In front of the fake hub: answers everything from it, except that the GET of `path` comes back
 * with one byte flipped, so the announced SHA-256 (from the HEAD) and the bytes disagree.
 */
async function startTamperingProxy(upstream: string, path: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const answer = await fetch(upstream + (req.url ?? '/'), { method: req.method, redirect: 'manual' });
      const headers = Object.fromEntries([...answer.headers].filter(([k]) => k === 'x-linked-etag' || k === 'content-length' || k === 'accept-ranges'));
      const bytes = new Uint8Array(await answer.arrayBuffer());
      if (req.method === 'GET' && decodeURIComponent(req.url ?? '').endsWith(path) && bytes.length > 10) bytes[10] = bytes[10]! ^ 0xff;
      res.writeHead(answer.status, headers).end(req.method === 'HEAD' ? undefined : bytes);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
