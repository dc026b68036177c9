// `klachtcoach models download|list` end to end against a local fake hub (KLACHTCOACH_HF_ENDPOINT),
// using the real manifest: unverified sums are refused, accepted hub sums install, list shows it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../models/manifest.ts';
import { startFakeHub, type FakeHub } from './fake-hub.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = loadManifest().models['whisper-base']!;
const files = Object.fromEntries(entry.files.map((f, i) => [f.path, new TextEncoder().encode(`${f.path} ${'x'.repeat(1000 * (i + 1))}`)]));

let hub: FakeHub;
let data: string;
beforeAll(async () => {
  hub = await startFakeHub(entry.repo, entry.revision, files);
  data = mkdtempSync(join(tmpdir(), 'kc-models-cli-'));
});
afterAll(async () => {
  await hub.close();
  rmSync(data, { recursive: true, force: true });
});

const cli = (args: string[]) => promisify(execFile)(process.execPath, [join(root, 'scripts/dev-cli.mjs'), 'models', ...args], {
  env: { ...process.env, KLACHTCOACH_DATA_DIR: data, KLACHTCOACH_HF_ENDPOINT: hub.endpoint }, cwd: root,
});

describe('klachtcoach models', () => {
  it('refuses unverified files, installs with --accept-hub-sums showing progress, and lists the install', async () => {
    const refused = await cli(['download', 'whisper-base']).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain('Refusing to install unverified files');

    const { stdout, stderr } = await cli(['download', 'whisper-base', '--accept-hub-sums']);
    expect(stderr).toMatch(/whisper-base\/onnx\/encoder_model\.onnx: 100% /);
    expect(stdout).toContain(`Installed whisper-base in ${join(data, 'models', 'whisper-base')}`);
    expect(stdout).toMatch(/onnx\/encoder_model\.onnx {2}[0-9a-f]{64} {2}\(hub-lfs/);
    expect(readFileSync(join(data, 'models/whisper-base/tokenizer.json'))).toEqual(Buffer.from(files['tokenizer.json']!));

    const list = await cli(['list']);
    expect(list.stdout).toMatch(/whisper-base\s+installed \d{4}-\d{2}-\d{2}/);
    expect(list.stdout).toMatch(/whisper-small\s+not installed/);
  });

  it('names the supported models for an unknown name', async () => {
    const err = await cli(['download', 'whisper-huge']).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('unknown model "whisper-huge"; supported: whisper-base, whisper-small');
  });
});
