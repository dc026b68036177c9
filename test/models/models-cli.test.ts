// `klachtcoach models ...` end to end, with the real manifest, against local fake hubs
// (KLACHTCOACH_HF_ENDPOINT, or --mirror). The fake hubs cannot serve bytes with the real pinned
// sums, which is the point of the first test: whisper-base is checked against its pins without
// any flag, so fake weights are refused. whisper-small's weights have no published sums yet, so
// it shows the escape hatch, the mirror, export and the folder install's refusal of unpinned weights.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../../models/manifest.ts';
import { startFakeHub, type FakeHub } from './fake-hub.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = loadManifest();
const base = manifest.models['whisper-base']!;
const small = manifest.models['whisper-small']!;
const fakeFiles = (paths: string[]) => Object.fromEntries(paths.map((p, i) => [p, new TextEncoder().encode(`${p} ${'x'.repeat(1000 * (i + 1))}`)]));
const baseFiles = fakeFiles(base.files.map((f) => f.path));
const smallFiles = fakeFiles(small.files.map((f) => f.path));

let hub: FakeHub;
let mirror: FakeHub;
let work: string;
beforeAll(async () => {
  hub = await startFakeHub(base.repo, base.revision, baseFiles);
  hub.publish('main', fakeFiles(base.files.map((f) => f.path)));
  mirror = await startFakeHub(small.repo, small.revision, smallFiles);
  work = mkdtempSync(join(tmpdir(), 'kc-models-cli-'));
});
afterAll(async () => {
  await hub.close();
  await mirror.close();
  rmSync(work, { recursive: true, force: true });
});

interface Run { code: number; stdout: string; stderr: string }
function cli(args: string[], data = join(work, 'data')): Promise<Run> {
  return promisify(execFile)(process.execPath, [join(root, 'scripts/dev-cli.mjs'), 'models', ...args], {
    env: { ...process.env, KLACHTCOACH_DATA_DIR: data, KLACHTCOACH_HF_ENDPOINT: hub.endpoint }, cwd: root,
  }).then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (e: Run) => e);
}

describe('klachtcoach models', () => {
  it('checks whisper-base against its pinned commit and sums with no flag, so fake weights are refused', async () => {
    const run = await cli(['download', 'whisper-base']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('--accept-hub-sums to check');
    expect(run.stderr).toContain('note: unpinned (no published git blob id): config.json, generation_config.json, preprocessor_config.json, tokenizer.json, tokenizer_config.json of whisper-base');
    expect(run.stderr).toContain(`checksum mismatch for whisper-base/onnx/encoder_model.onnx: expected sha256 ${base.files.find((f) => f.path === 'onnx/encoder_model.onnx')!.sha256}`);
    expect(existsSync(join(work, 'data/models/whisper-base'))).toBe(false);
    // Only the pinned commit was asked for, never the moving main.
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(hub.requests.every((r) => r.path.startsWith(`/${base.repo}/resolve/${base.revision}/`))).toBe(true);
  });

  it('refuses unpinned weights without the flag; with it, installs from a mirror, warns, and prints the sums to pin', async () => {
    const refused = await cli(['download', 'whisper-small', '--mirror', mirror.endpoint]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pins no SHA-256 for onnx/encoder_model.onnx, onnx/decoder_model_merged_quantized.onnx');
    expect(refused.stderr).toContain('Refusing to install unpinned weights');
    expect(mirror.requests).toHaveLength(0);

    const hubBefore = hub.requests.length;
    const run = await cli(['download', 'whisper-small', '--mirror', `${mirror.endpoint}/`, '--accept-hub-sums']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`warning: --accept-hub-sums: onnx/encoder_model.onnx, onnx/decoder_model_merged_quantized.onnx of whisper-small have no pinned SHA-256; they are checked only against the SHA-256 ${mirror.endpoint} announces`);
    expect(run.stderr).toMatch(/whisper-small\/onnx\/encoder_model\.onnx: 100% /);
    expect(run.stdout).toContain(`Installed whisper-small (${small.repo}@${small.revision}) from ${mirror.endpoint} in ${join(work, 'data/models/whisper-small')}`);
    expect(run.stdout).toMatch(/onnx\/encoder_model\.onnx {2}sha256 [0-9a-f]{64} {2}\(\d+ bytes\)/);
    expect(run.stdout).toMatch(/tokenizer\.json {2}gitBlob [0-9a-f]{40} {2}\(\d+ bytes\)/);
    expect(readFileSync(join(work, 'data/models/whisper-small/tokenizer.json'))).toEqual(Buffer.from(smallFiles['tokenizer.json']!));
    expect(hub.requests.length).toBe(hubBefore);

    const list = await cli(['list']);
    expect(list.stdout).toMatch(/whisper-small\s+installed \d{4}-\d{2}-\d{2}/);
    expect(list.stdout).toMatch(/whisper-base\s+partly installed/);
    expect(list.stdout).toContain(`${small.repo}@${small.revision.slice(0, 12)}, encoder fp32, decoder q8; 2 weight file(s) without a pinned SHA-256 (download needs --accept-hub-sums), 5 small file(s) without a pinned blob id`);
  });

  it('exports an installed model to a folder in the hub layout; a folder cannot vouch for unpinned weights', async () => {
    const share = join(work, 'share');
    const run = await cli(['export', 'whisper-small', share]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Install it elsewhere with: klachtcoach models install whisper-small --from ${share}`);
    expect(readFileSync(join(share, small.repo, 'resolve', small.revision, 'onnx/encoder_model.onnx'))).toEqual(Buffer.from(smallFiles['onnx/encoder_model.onnx']!));

    const fromFolder = await cli(['install', 'whisper-small', '--from', share], join(work, 'other-desktop'));
    expect(fromFolder.code).toBe(1);
    expect(fromFolder.stderr).toContain('Refusing to install unpinned weights');
  });

  it('installs whisper-base from a folder only if the files match the pins', async () => {
    const folder = join(work, 'usb');
    for (const [path, data] of Object.entries(baseFiles)) {
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), data);
    }
    const run = await cli(['install', 'whisper-base', '--from', folder], join(work, 'usb-desktop'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/checksum mismatch for whisper-base\/onnx\/encoder_model.onnx.*Nothing was installed/);
    expect(existsSync(join(work, 'usb-desktop/models/whisper-base'))).toBe(false);
  });

  it.each([
    [['download', 'whisper-huge'], 'unknown model "whisper-huge"; supported: whisper-base, whisper-small'],
    [['download', 'whisper-base', '--from', '/tmp'], '--from does not go with "models download"'],
    [['install', 'whisper-base', '--mirror', 'http://x'], '--mirror does not go with "models install"'],
    [['install', 'whisper-base'], 'install needs --from DIR'],
    [['install', 'whisper-base', '--from', '/no/such/folder'], '--from /no/such/folder: no such folder'],
    [['download', 'whisper-base', '--mirror', 'ftp://models'], '--mirror ftp://models: expected an http:// or https:// address'],
    [['export', 'whisper-base'], 'wrong number of arguments'],
    [['export', 'whisper-base', join(tmpdir(), 'kc-never-written')], 'whisper-base is not installed in'],
  ])('says what is wrong with %j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBeGreaterThan(0);
    expect(run.stderr).toContain(message);
  });
});
