// The administrator's round trip: install once from the (fake) hub, `export` to a folder, then
// install other desktops from that folder, or from a plain web server over it (a mirror), with
// the same checks and the same resume, and without a single request to the hub.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportModel } from '../../models/export.ts';
import { installModel, InstallError } from '../../models/install.ts';
import { readReceipt } from '../../models/receipt.ts';
import { folderSource, httpSource } from '../../models/sources.ts';
import { startFakeHub, startStaticMirror, type FakeHub } from './fake-hub.ts';
import { entry, FILES, REPO, REV } from './fake-model.ts';

let hub: FakeHub;
let work: string;
const dir = (name: string) => join(work, name);

beforeEach(async () => {
  hub = await startFakeHub(REPO, REV, FILES);
  work = mkdtempSync(join(tmpdir(), 'kc-export-'));
  await installModel({ name: 'whisper-fake', entry: entry(), modelsDir: dir('first-desktop'), source: httpSource(hub.endpoint, { retryDelayMs: 10 }) });
  hub.requests.length = 0;
});
afterEach(async () => {
  await hub.close();
  rmSync(work, { recursive: true, force: true });
});

describe('models export, then install from the folder or a mirror of it', () => {
  it('writes the files in the hub layout, byte for byte', async () => {
    const files = await exportModel('whisper-fake', entry(), dir('first-desktop'), dir('share'));
    expect(files.map((f) => f.path)).toEqual(Object.keys(FILES));
    for (const [path, data] of Object.entries(FILES)) {
      expect(readFileSync(join(dir('share'), REPO, 'resolve', REV, path))).toEqual(Buffer.from(data));
    }
  });

  it('installs another desktop from the exported folder', async () => {
    await exportModel('whisper-fake', entry(), dir('first-desktop'), dir('share'));
    const receipt = await installModel({ name: 'whisper-fake', entry: entry(), modelsDir: dir('air-gapped'), source: folderSource(dir('share')) });
    expect(receipt.source).toBe(dir('share'));
    expect(receipt.files.every((f) => f.sumSource === 'manifest')).toBe(true);
    expect(readReceipt(join(dir('air-gapped'), 'whisper-fake'))).toEqual(receipt);
    expect(hub.requests).toHaveLength(0);
  });

  it('installs from a plain web server over the folder, resuming a part with a Range request', async () => {
    await exportModel('whisper-fake', entry(), dir('first-desktop'), dir('share'));
    const mirror = await startStaticMirror(dir('share'));
    try {
      // An earlier run was cut after 100,000 bytes of the encoder.
      const part = join(dir('desktop'), '.partial/whisper-fake/onnx/encoder_model.onnx.part');
      mkdirSync(dirname(part), { recursive: true });
      writeFileSync(part, FILES['onnx/encoder_model.onnx']!.subarray(0, 100_000));
      const receipt = await installModel({ name: 'whisper-fake', entry: entry(), modelsDir: dir('desktop'), source: httpSource(mirror.endpoint) });
      expect(receipt.source).toBe(mirror.endpoint);
      expect(readFileSync(join(dir('desktop'), 'whisper-fake/onnx/encoder_model.onnx'))).toEqual(Buffer.from(FILES['onnx/encoder_model.onnx']!));
      const encoder = mirror.requests.filter((r) => r.path.endsWith('encoder_model.onnx'));
      expect(encoder).toEqual([{ method: 'GET', path: `/${REPO}/resolve/${REV}/onnx/encoder_model.onnx`, range: 'bytes=100000-' }]);
      expect(hub.requests).toHaveLength(0);
    } finally {
      await mirror.close();
    }
  });

  it('refuses a mirror that serves other bytes than the manifest pins', async () => {
    await exportModel('whisper-fake', entry(), dir('first-desktop'), dir('share'));
    writeFileSync(join(dir('share'), REPO, 'resolve', REV, 'config.json'), '{"model_type":"whispeR"}');
    const mirror = await startStaticMirror(dir('share'));
    try {
      await expect(installModel({ name: 'whisper-fake', entry: entry(), modelsDir: dir('desktop'), source: httpSource(mirror.endpoint) }))
        .rejects.toThrow(/checksum mismatch for whisper-fake\/config.json: expected git blob id/);
      expect(existsSync(join(dir('desktop'), 'whisper-fake'))).toBe(false);
    } finally {
      await mirror.close();
    }
  });

  it('exports only an install that matches the receipt and the pins', async () => {
    await expect(exportModel('whisper-other', entry(), dir('first-desktop'), dir('share'))).rejects.toThrow('whisper-other is not installed in');
    const moved = { ...entry(), revision: 'f'.repeat(40) };
    await expect(exportModel('whisper-fake', moved, dir('first-desktop'), dir('share')))
      .rejects.toThrow(`was installed from revision ${REV}, but models/manifest.json pins ${'f'.repeat(40)}`);
    const repinned = entry({ 'onnx/encoder_model.onnx': 'a'.repeat(64) });
    await expect(exportModel('whisper-fake', repinned, dir('first-desktop'), dir('share')))
      .rejects.toThrow('whisper-fake/onnx/encoder_model.onnx: the installed file is not the one models/manifest.json pins');

    writeFileSync(join(dir('first-desktop'), 'whisper-fake/onnx/decoder_model_merged_quantized.onnx'), 'damaged');
    const err = await exportModel('whisper-fake', entry(), dir('first-desktop'), dir('share')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InstallError);
    expect((err as Error).message).toMatch(/checksum mismatch for whisper-fake\/onnx\/decoder_model_merged_quantized.onnx.*changed since it was installed/);
    expect(existsSync(join(dir('share'), REPO, 'resolve', REV, 'onnx/decoder_model_merged_quantized.onnx'))).toBe(false);
  });
});
