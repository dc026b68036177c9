import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitBlobId } from '../../models/file-sum.ts';
import { installModel, InstallError } from '../../models/install.ts';
import { readReceipt } from '../../models/receipt.ts';
import { folderSource, httpSource } from '../../models/sources.ts';
import { startFakeHub, sha256, type FakeHub } from './fake-hub.ts';
import { bytes, entry, FILES, REPO, REV } from './fake-model.ts';

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

const base = (retries?: number) => ({ name: 'whisper-fake', modelsDir: models, source: httpSource(hub.endpoint, { retryDelayMs: 10, retries }) });

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
    await expect(installModel({ ...base(0), entry: entry() })).rejects.toThrow(/connection cut.*run the command again to resume/s);
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
    await expect(installModel({ ...base(), entry: entry({ 'config.json': '0'.repeat(40) }) })).rejects.toThrow(/checksum mismatch/);
    expect(readReceipt(join(models, 'whisper-fake'))).toEqual(before);
  });

  it('refuses a tampered small file by its git blob id, though its size is right', async () => {
    const tampered = new TextEncoder().encode('{"model_type":"whispeR"}');
    expect(tampered.length).toBe(FILES['config.json']!.length);
    hub.publish(REV, { ...FILES, 'config.json': tampered });
    const err = await installModel({ ...base(), entry: entry() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InstallError);
    expect((err as Error).message).toContain(`checksum mismatch for whisper-fake/config.json: expected git blob id ${gitBlobId(FILES['config.json']!)}, got ${gitBlobId(tampered)}`);
    expect(existsSync(join(models, 'whisper-fake'))).toBe(false);
    expect(existsSync(join(models, '.partial/whisper-fake/config.json'))).toBe(false);
  });

  it('installs the pinned commit however main has moved, and never asks for main', async () => {
    const moved = { ...FILES, 'onnx/encoder_model.onnx': bytes(300_000, 9), 'config.json': new TextEncoder().encode('{"model_type":"whisper","v":2}') };
    hub.publish('main', moved);
    const receipt = await installModel({ ...base(), entry: entry() });
    expect(receipt.revision).toBe(REV);
    expect(sha256(readFileSync(join(models, 'whisper-fake/onnx/encoder_model.onnx')))).toBe(sha256(FILES['onnx/encoder_model.onnx']!));
    expect(readFileSync(join(models, 'whisper-fake/config.json'), 'utf8')).toBe('{"model_type":"whisper"}');
    expect(hub.requests.length).toBeGreaterThan(0);
    expect(hub.requests.every((r) => r.path.includes(`/resolve/${REV}/`))).toBe(true);
  });

  it('refuses a weight file whose sum is not published unless hub sums are accepted, then warns and uses the announced sum', async () => {
    const unpublished = entry({ 'onnx/encoder_model.onnx': null });
    await expect(installModel({ ...base(), entry: unpublished })).rejects.toThrow(/pins no SHA-256 for onnx\/encoder_model.onnx.*Refusing to install unpinned weights.*--accept-hub-sums/);
    expect(hub.requests).toHaveLength(0);
    const lines: string[] = [];
    const receipt = await installModel({ ...base(), entry: unpublished, acceptHubSums: true, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^warning: --accept-hub-sums: onnx\/encoder_model.onnx of whisper-fake have no pinned SHA-256; they are checked only against the SHA-256 http:\/\/127.0.0.1:\d+ announces/);
    const byPath = Object.fromEntries(receipt.files.map((f) => [f.path, f.sumSource]));
    expect(byPath).toEqual({ 'config.json': 'manifest', 'onnx/encoder_model.onnx': 'hub-lfs', 'onnx/decoder_model_merged_quantized.onnx': 'manifest' });
  });

  it('still refuses, with --accept-hub-sums, bytes that differ from the sum the server announces', async () => {
    const unpublished = entry({ 'onnx/encoder_model.onnx': null });
    const lying = httpSource(hub.endpoint, { retryDelayMs: 10 });
    lying.announcedSha256 = () => Promise.resolve('e'.repeat(64));
    await expect(installModel({ ...base(), source: lying, entry: unpublished, acceptHubSums: true })).rejects.toThrow(/checksum mismatch for whisper-fake\/onnx\/encoder_model.onnx: expected sha256 e{64}/);
    expect(existsSync(join(models, 'whisper-fake'))).toBe(false);
  });

  it('takes a small file without a published blob id, names it, and records its sums', async () => {
    const lines: string[] = [];
    const receipt = await installModel({ ...base(), entry: entry({ 'config.json': null }), log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^note: unpinned \(no published git blob id\): config.json of whisper-fake; taken as http:\/\/127.0.0.1:\d+ serves them for revision 0123456789ab/);
    const config = receipt.files.find((f) => f.path === 'config.json')!;
    expect(config).toMatchObject({ sumSource: 'computed', gitBlob: gitBlobId(FILES['config.json']!), sha256: sha256(FILES['config.json']!) });
  });

  it('installs from a folder holding the repository files, checked against the same sums', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kc-folder-'));
    try {
      for (const [path, data] of Object.entries(FILES)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), data);
      }
      const receipt = await installModel({ name: 'whisper-fake', modelsDir: models, source: folderSource(folder), entry: entry() });
      expect(receipt.source).toBe(folder);
      expect(receipt.files.every((f) => f.sumSource === 'manifest')).toBe(true);
      expect(readFileSync(join(models, 'whisper-fake/onnx/decoder_model_merged_quantized.onnx'))).toEqual(Buffer.from(FILES['onnx/decoder_model_merged_quantized.onnx']!));

      const again = () => installModel({ name: 'whisper-fake', modelsDir: models, source: folderSource(folder), entry: entry() });
      rmSync(join(folder, 'config.json'));
      await expect(again()).rejects.toThrow(`whisper-fake/config.json: not in the folder; looked for ${join(folder, REPO, 'resolve', REV, 'config.json')} and ${join(folder, 'config.json')}`);
      writeFileSync(join(folder, 'config.json'), FILES['config.json']!);
      writeFileSync(join(folder, 'onnx/encoder_model.onnx'), bytes(300_000, 5));
      await expect(again()).rejects.toThrow(/checksum mismatch for whisper-fake\/onnx\/encoder_model.onnx.*Nothing was installed/);
      // The good install from before is untouched by the failed ones.
      expect(readReceipt(join(models, 'whisper-fake'))).toEqual(receipt);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('names the file and URL when the hub does not have it', async () => {
    const missing = entry();
    missing.files.push({ path: 'tokenizer.json', gitBlob: '1'.repeat(40) });
    await expect(installModel({ ...base(), entry: missing })).rejects.toThrow(new RegExp(`whisper-fake/tokenizer.json: not found at http://127.0.0.1:\\d+/fake-org/whisper-fake_timestamped/resolve/${REV}/tokenizer.json`));
    expect(existsSync(join(models, 'whisper-fake'))).toBe(false);
  });
});
