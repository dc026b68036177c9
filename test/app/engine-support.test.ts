import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../main/app/engine/free-port.ts';
import { fractionFromLine, ModelProgressParser } from '../../main/app/engine/model-progress.ts';
import { RestartPolicy } from '../../main/app/engine/restart-policy.ts';
import { waitForHttp } from '../../main/app/engine/wait-for-http.ts';
import { ModelProgress } from '../../main/contracts/ipc.ts';

describe('engine restart policy', () => {
  it('backs off exponentially up to the cap', () => {
    const policy = new RestartPolicy({ maxCrashes: 100, crashWindowMs: 1 });
    const delays = Array.from({ length: 9 }, (_, i) => policy.onCrash(i * 10_000, 1_000)).map((d) => (d.restart ? d.delayMs : -1));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('resets the backoff after a healthy run', () => {
    const policy = new RestartPolicy();
    policy.onCrash(0, 100);
    policy.onCrash(1_000, 100);
    expect(policy.onCrash(200_000, 120_000)).toEqual({ restart: true, delayMs: 500 });
  });

  it('gives up after too many crashes in the window, and says why', () => {
    const policy = new RestartPolicy();
    for (let i = 0; i < 5; i++) expect(policy.onCrash(i * 1_000, 100).restart).toBe(true);
    const decision = policy.onCrash(6_000, 100);
    expect(decision).toMatchObject({ restart: false, reason: expect.stringMatching(/6 times within 120 s/) });
  });
});

describe('model download progress', () => {
  it.each([
    ['whisper-base  [#####     ]  52%  71.3 MB/137.1 MB', 0.52],
    ['encoder_model.onnx 12.5 MB / 50 MB', 0.25],
    ['decoder 512 KiB/1 MiB', 0.5],
    ['verifying sha256 100%', 1],
    ['resolving files…', null],
    ['998%', null],
  ])('%s → %s', (line, expected) => {
    if (expected === null) expect(fractionFromLine(line)).toBeNull();
    else expect(fractionFromLine(line)).toBeCloseTo(expected, 5);
  });

  it('folds \\r-redrawn bars into schema-valid events and reports success', () => {
    const parser = new ModelProgressParser('whisper-base');
    const events = [...parser.push('downloading  10%\rdownloading  2'), ...parser.push('0%\rdownloading  20%\rverifying checksum 100%\n')];
    expect(events.map((e) => [e.phase, e.fraction])).toEqual([['downloading', 0.1], ['downloading', 0.2], ['verifying', 1]]);
    for (const e of events) ModelProgress.parse(e);
    expect(parser.finish(0)).toEqual({ model: 'whisper-base', phase: 'done', fraction: 1 });
  });

  it('reports a failure with the last thing the command said', () => {
    const parser = new ModelProgressParser('whisper-small');
    parser.push(' 40%\n');
    parser.push('klachtcoach models: checksum mismatch for encoder_model.onnx\n');
    expect(ModelProgress.parse(parser.finish(3))).toEqual({
      model: 'whisper-small', phase: 'failed', fraction: 0.4, message: 'klachtcoach models: checksum mismatch for encoder_model.onnx',
    });
  });
});

describe('waiting for the engine server', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('resolves once the server answers, even if it starts late', async () => {
    const port = await freeLoopbackPort();
    setTimeout(() => {
      server = createServer((_req, res) => res.end('ok')).listen(port, '127.0.0.1');
    }, 300);
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 5_000, intervalMs: 50 })).resolves.toBeUndefined();
  });

  it('fails with the URL and the last problem when nothing answers', async () => {
    const port = await freeLoopbackPort();
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 300, intervalMs: 50 })).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${port}/ did not answer within 300 ms \\(.*ECONNREFUSED`),
    );
  });

  it('stops early when the engine already exited', async () => {
    const port = await freeLoopbackPort();
    const exited = new AbortController();
    setTimeout(() => exited.abort('the engine exited with code 1'), 100);
    await expect(waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000, intervalMs: 50, signal: exited.signal }))
      .rejects.toThrow(/exited with code 1/);
  });
});
