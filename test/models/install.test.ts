import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installModel, InstallError } from '../../models/install.ts';
import type { ModelEntry } from '../../models/manifest.ts';
import { readReceipt } from '../../models/receipt.ts';
import { startFakeHub, sha256, type FakeHub } from './fake-hub.ts';

const REPO = 'fake-org/whisper-fake_timestamped';
const REV = 'main';

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

const FILES: Record<string, Uint8Array> = {
  'config.json': new TextEncoder().encode('{"model_type":"whisper"}'),
  'onnx/encoder_model.onnx': bytes(300_000, 1),
  'onnx/decoder_model_merged_quantized.onnx': bytes(200_000, 2),
};

function entry(sums: Partial<Record<string, string | null>> = {}): ModelEntry {
  return {
    repo: REPO,
    revision: REV,
    description: 'fake',
    dtype: { encoder_model: 'fp32', decoder_model_merged: 'q8' },
    files: Object.entries(FILES).map(([path, data]) => ({ path, sha256: path in sums ? sums[path]! : sha256(data) })),
  };
}

let hub: FakeHub;
let models: string;

beforeEach(async () => {
  hub = await startFakeHub(REPO, REV, FILES);
  models = mkdtempSync(join(tmpdir(), 'kc-models-'));
});
afterEach(async () => {
  await hub.close();
  rmSync(models, { recursive: true, force: true });
});

const base = () => ({ name: 'whisper-fake', modelsDir: models, endpoint: hub.endpoint, retryDelayMs: 10 });

describe('installModel', () => {
  it('installs every file verified, with a receipt, and leaves no partial folder', async () => {
    const receipt = await installModel({ ...base(), entry: entry() });
    const dir = join(models, 'whisper-fake');
    for (const [path, data] of Object.entries(FILES)) expect(sha256(readFileSync(join(dir, path)))).toBe(sha256(data));
    expect(readReceipt(dir)).toEqual(receipt);
    expect(receipt.files.every((f) => f.sumSource === 'manifest')).toBe(true);
    expect(readdirSync(models)).toEqual(['whisper-fake']);
  });

  it('resumes with a Range request after the connection is cut halfway', async () => {
    hub.cutAfter('onnx/encoder_model.onnx', 150_000);
    await installModel({ ...base(), entry: entry() });
    const encoderGets = hub.requests.filter((r) => r.method === 'GET' && r.path.endsWith('encoder_model.onnx'));
    expect(encoderGets).toHaveLength(2);
    expect(encoderGets[0]!.range).toBeNull();
    // The second request asks only for the rest: the cut-off offset is whatever reached the disk.
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(encoderGets[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(150_000);
    expect(sha256(readFileSync(join(models, 'whisper-fake/onnx/encoder_model.onnx')))).toBe(sha256(FILES['onnx/encoder_model.onnx']!));
  });

  it('keeps the part after a cut with no retries left, installs nothing, and resumes on the next run', async () => {
    hub.cutAfter('onnx/encoder_model.onnx', 100_000);
    await expect(installModel({ ...base(), entry: entry(), retries: 0 })).rejects.toThrow(/connection cut.*run the command again to resume/s);
    expect(existsSync(join(models, 'whisper-fake'))).toBe(false);
    expect(readReceipt(join(models, 'whisper-fake'))).toBeNull();
    expect(existsSync(join(models, '.partial/whisper-fake/onnx/encoder_model.onnx.part'))).toBe(true);

    await installModel({ ...base(), entry: entry() });
    const ranges = hub.requests.filter((r) => r.method === 'GET' && r.path.endsWith('encoder_model.onnx')).map((r) => r.range);
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(readReceipt(join(models, 'whisper-fake'))?.files).toHaveLength(3);
  });

  it('refuses a checksum mismatch, deletes the bad bytes, and installs nothing', async () => {
    const wrong = 'f'.repeat(64);
    const err = await installModel({ ...base(), entry: entry({ 'onnx/decoder_model_merged_quantized.onnx': wrong }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InstallError);
    expect(String((err as Error).message)).toContain('checksum mismatch for whisper-fake/onnx/decoder_model_merged_quantized.onnx');
    expect(String((err as Error).message)).toContain(wrong);
    expect(existsSync(join(models, 'whisper-fake'))).toBe(false);
    expect(existsSync(join(models, '.partial/whisper-fake/onnx/decoder_model_merged_quantized.onnx'))).toBe(false);
    expect(existsSync(join(models, '.partial/whisper-fake/onnx/decoder_model_merged_quantized.onnx.part'))).toBe(false);
  });

  it('keeps a previous install intact when a re-install fails', async () => {
    await installModel({ ...base(), entry: entry() });
    const before = readReceipt(join(models, 'whisper-fake'));
    await expect(installModel({ ...base(), entry: entry({ 'config.json': '0'.repeat(64) }) })).rejects.toThrow(/checksum mismatch/);
    expect(readReceipt(join(models, 'whisper-fake'))).toEqual(before);
  });

  it('refuses files without a manifest sum unless hub sums are accepted, then uses the LFS sums', async () => {
    const unverified = entry({ 'config.json': null, 'onnx/encoder_model.onnx': null });
    await expect(installModel({ ...base(), entry: unverified })).rejects.toThrow(/no verified SHA-256 for config.json, onnx\/encoder_model.onnx.*--accept-hub-sums/);
    expect(hub.requests).toHaveLength(0);
    const receipt = await installModel({ ...base(), entry: unverified, acceptHubSums: true });
    const byPath = Object.fromEntries(receipt.files.map((f) => [f.path, f.sumSource]));
    expect(byPath).toEqual({ 'config.json': 'computed', 'onnx/encoder_model.onnx': 'hub-lfs', 'onnx/decoder_model_merged_quantized.onnx': 'manifest' });
  });

  it('names the file and URL when the hub does not have it', async () => {
    const missing = entry();
    missing.files.push({ path: 'tokenizer.json', sha256: '1'.repeat(64) });
    await expect(installModel({ ...base(), entry: missing })).rejects.toThrow(/whisper-fake\/tokenizer.json: not found at http:\/\/127.0.0.1:\d+\/fake-org\/whisper-fake_timestamped\/resolve\/main\/tokenizer.json/);
    expect(existsSync(join(models, 'whisper-fake'))).toBe(false);
  });
});
