// Streaming sample-rate converter to 16 kHz for the capture worklet. Browsers usually run audio at
// 44.1 or 48 kHz; the engine's VAD and Whisper want 16 kHz. Windowed-sinc interpolation with the
// cut-off just below the output Nyquist, so speech keeps its energy and nothing above 8 kHz folds
// back into it. Pure and allocation-light: one call per 128-sample render quantum.

/** Zero crossings of the sinc on each side of the centre; more = sharper filter, more work. */
const ZERO_CROSSINGS = 8;
/** Cut-off as a fraction of the output Nyquist: a little headroom for the window's roll-off. */
const CUTOFF = 0.92;

export class Resampler {
  /** Input samples per output sample. */
  private readonly step: number;
  private readonly passthrough: boolean;
  /** Cut-off relative to the input rate (cycles per input sample × 2). */
  private readonly fc: number;
  /** Half-width of the filter in input samples. */
  private readonly halfWidth: number;
  /** Input not yet fully used: the tail of earlier blocks the filter still needs. */
  private history = new Float32Array(0);
  /** Position of the next output sample, in input samples relative to history[0]. */
  private position = 0;

  constructor(readonly inputRateHz: number, readonly outputRateHz = 16_000) {
    if (!(inputRateHz > 0) || !(outputRateHz > 0)) throw new RangeError(`resampler: rates must be positive (got ${inputRateHz} -> ${outputRateHz})`);
    this.step = inputRateHz / outputRateHz;
    this.passthrough = inputRateHz === outputRateHz;
    this.fc = Math.min(1, outputRateHz / inputRateHz) * CUTOFF;
    this.halfWidth = Math.ceil(ZERO_CROSSINGS / this.fc);
    // Start "halfWidth" samples in so the first outputs have (zero) history on their left.
    this.history = new Float32Array(this.halfWidth);
    this.position = this.halfWidth;
  }

  /** Feeds input samples; returns the output samples they complete (possibly none). */
  push(input: Float32Array): Float32Array {
    if (this.passthrough) return input.slice();
    const buf = new Float32Array(this.history.length + input.length);
    buf.set(this.history, 0);
    buf.set(input, this.history.length);

    const out: number[] = [];
    // An output sample needs input up to position + halfWidth.
    while (this.position + this.halfWidth < buf.length) {
      out.push(this.sampleAt(buf, this.position));
      this.position += this.step;
    }
    // Keep what the next outputs still need on their left.
    const keepFrom = Math.max(0, Math.floor(this.position) - this.halfWidth);
    this.history = buf.slice(keepFrom);
    this.position -= keepFrom;
    return Float32Array.from(out);
  }

  private sampleAt(buf: Float32Array, t: number): number {
    const centre = Math.floor(t);
    let acc = 0;
    for (let k = centre - this.halfWidth + 1; k <= centre + this.halfWidth; k++) {
      const x = t - k;
      acc += buf[k]! * kernel(x, this.fc, this.halfWidth);
    }
    return acc;
  }
}

/** Low-pass sinc with cut-off fc (relative to the input Nyquist), Blackman-windowed. */
function kernel(x: number, fc: number, halfWidth: number): number {
  if (Math.abs(x) >= halfWidth) return 0;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * fc * x) / (Math.PI * fc * x);
  const w = 0.42 + 0.5 * Math.cos((Math.PI * x) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * x) / halfWidth);
  return fc * sinc * w;
}
