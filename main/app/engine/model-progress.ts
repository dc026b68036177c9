// Reads download progress out of `klachtcoach models download NAME` output, whatever bar it
// draws: the last "NN%" or "received/total" pair on a line is the figure. Pure, so the first-run
// page's progress bar is tested without a network.
import type { ModelProgress } from '../../contracts/ipc.ts';

const PERCENT = /(\d{1,3}(?:\.\d+)?)\s?%/g;
const SIZE_PAIR = /(\d+(?:\.\d+)?)\s?(B|kB|KB|KiB|MB|MiB|GB|GiB)?\s?\/\s?(\d+(?:\.\d+)?)\s?(B|kB|KB|KiB|MB|MiB|GB|GiB)/g;
const UNIT: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, KiB: 1024, MB: 1e6, MiB: 1024 ** 2, GB: 1e9, GiB: 1024 ** 3 };

function lastMatch(re: RegExp, text: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(re)) last = m as RegExpExecArray;
  return last;
}

/** The fraction a progress line shows, or null when the line has none. */
export function fractionFromLine(line: string): number | null {
  const percent = lastMatch(PERCENT, line);
  if (percent) {
    const value = Number(percent[1]) / 100;
    if (value >= 0 && value <= 1) return value;
  }
  const pair = lastMatch(SIZE_PAIR, line);
  if (pair) {
    const total = Number(pair[3]) * UNIT[pair[4]!]!;
    const done = Number(pair[1]) * UNIT[pair[2] ?? pair[4]!]!;
    if (total > 0 && done <= total) return done / total;
  }
  return null;
}

/**
 * Folds output chunks into progress events. Progress bars redraw with `\r`, so both `\r` and
 * `\n` end a line.
 */
export class ModelProgressParser {
  #pending = '';
  #lastFraction: number | null = null;
  #lastLine = '';

  constructor(private readonly model: string) {}

  push(chunk: string): ModelProgress[] {
    const text = this.#pending + chunk;
    const lines = text.split(/\r\n|\r|\n/);
    this.#pending = lines.pop() ?? '';
    const out: ModelProgress[] = [];
    for (const line of lines) {
      if (line.trim() !== '') this.#lastLine = line.trim();
      const fraction = fractionFromLine(line);
      if (fraction === null || fraction === this.#lastFraction) continue;
      this.#lastFraction = fraction;
      out.push({ model: this.model, phase: /verif|checksum|sha/i.test(line) ? 'verifying' : 'downloading', fraction });
    }
    return out;
  }

  /** The final event once the process exited with `code`. */
  finish(code: number): ModelProgress {
    if (code === 0) return { model: this.model, phase: 'done', fraction: 1 };
    const last = (this.#pending.trim() || this.#lastLine).slice(0, 400);
    return {
      model: this.model,
      phase: 'failed',
      fraction: this.#lastFraction,
      message: last === '' ? `the download stopped with exit code ${code}` : last,
    };
  }
}
