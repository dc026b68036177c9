import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../models/progress.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { out: Object.assign({ write: (s: string) => { chunks.push(s); return true; } }, { isTTY }) as unknown as NodeJS.WritableStream & { isTTY?: boolean }, chunks };
}

describe('download progress', () => {
  it('prints a line per 10 % in a log, and says where a resumed download starts', () => {
    const { out, chunks } = sink(false);
    let now = 0;
    const bar = new ProgressBar(out, () => now);
    bar.start('whisper-base/onnx/encoder_model.onnx', 10 * 1024 * 1024, 2 * 1024 * 1024);
    for (let i = 0; i < 128; i++) { now += 10; bar.advance(64 * 1024); }
    bar.done();
    expect(chunks[0]).toBe('whisper-base/onnx/encoder_model.onnx: resuming at 2.0 MB\n');
    expect(chunks.at(-1)).toBe('whisper-base/onnx/encoder_model.onnx: 100% 10.0/10.0 MB\n');
    expect(chunks.length).toBeLessThanOrEqual(12);
  });

  it('redraws one line on a terminal with a bar, percentage and rate', () => {
    const { out, chunks } = sink(true);
    let now = 0;
    const bar = new ProgressBar(out, () => now);
    bar.start('f', 4 * 1024 * 1024, 0);
    now = 1000;
    bar.advance(2 * 1024 * 1024);
    expect(chunks.at(-1)).toBe('\rf [############............]  50% 2.0/4.0 MB 2.0 MB/s  ');
  });
});
