// A download progress bar on stderr. On a terminal it redraws one line; in a log (CI, a pipe)
// it prints a line per 10 % so logs stay readable.
export interface ProgressSink {
  start(label: string, totalBytes: number | null, alreadyBytes: number): void;
  advance(bytes: number): void;
  done(): void;
}

const MB = 1024 * 1024;

export class ProgressBar implements ProgressSink {
  private label = '';
  private total: number | null = null;
  private received = 0;
  private startedAt = 0;
  private startBytes = 0;
  private lastDecile = -1;
  private lastDrawMs = 0;

  constructor(private readonly out: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr, private readonly now = () => performance.now()) {}

  start(label: string, totalBytes: number | null, alreadyBytes: number): void {
    this.label = label;
    this.total = totalBytes;
    this.received = alreadyBytes;
    this.startBytes = alreadyBytes;
    this.startedAt = this.now();
    this.lastDecile = -1;
    if (alreadyBytes > 0) this.out.write(`${label}: resuming at ${(alreadyBytes / MB).toFixed(1)} MB\n`);
    this.draw(true);
  }

  advance(bytes: number): void {
    this.received += bytes;
    this.draw(false);
  }

  done(): void {
    this.draw(true);
    if (this.out.isTTY) this.out.write('\n');
  }

  private draw(force: boolean): void {
    const fraction = this.total ? Math.min(1, this.received / this.total) : null;
    const seconds = Math.max(1e-3, (this.now() - this.startedAt) / 1000);
    const rate = (this.received - this.startBytes) / MB / seconds;
    const size = this.total ? `${(this.received / MB).toFixed(1)}/${(this.total / MB).toFixed(1)} MB` : `${(this.received / MB).toFixed(1)} MB`;
    if (this.out.isTTY) {
      if (!force && this.now() - this.lastDrawMs < 100) return;
      this.lastDrawMs = this.now();
      const width = 24;
      const filled = fraction === null ? 0 : Math.round(fraction * width);
      const bar = fraction === null ? '?'.repeat(width) : `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      const pct = fraction === null ? '  ?%' : `${Math.floor(fraction * 100).toString().padStart(3)}%`;
      this.out.write(`\r${this.label} [${bar}] ${pct} ${size} ${rate.toFixed(1)} MB/s  `);
      return;
    }
    const decile = fraction === null ? 0 : Math.floor(fraction * 10);
    if (!force && decile === this.lastDecile) return;
    this.lastDecile = decile;
    const pct = fraction === null ? '?' : `${Math.floor(fraction * 100)}%`;
    this.out.write(`${this.label}: ${pct} ${size}\n`);
  }
}

export const silentProgress: ProgressSink = { start() {}, advance() {}, done() {} };
