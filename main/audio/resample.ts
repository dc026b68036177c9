// Band-limited resampling to the engine's 16 kHz. A windowed-sinc interpolator: the low-pass
// cut-off sits at the lower of the two Nyquist frequencies, so downsampling 44.1/48 kHz phone
// recordings does not fold high-frequency noise into the speech band that the VAD listens to.

export const ENGINE_RATE_HZ = 16_000;

/** Zero crossings of the sinc on each side; 8 keeps the pass band flat to about 0.9 x Nyquist. */
const HALF_ZERO_CROSSINGS = 8;

function blackman(x: number, halfWidth: number): number {
  // x in [-halfWidth, halfWidth] -> window value in [0, 1]
  const n = (x + halfWidth) / (2 * halfWidth);
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * n) + 0.08 * Math.cos(4 * Math.PI * n);
}

export function resample(input: Float32Array, fromHz: number, toHz: number = ENGINE_RATE_HZ): Float32Array {
  if (fromHz === toHz) return input;
  const ratio = fromHz / toHz;
  const outLength = Math.floor((input.length * toHz) / fromHz);
  const out = new Float32Array(outLength);
  // Cut-off as a fraction of the input Nyquist; < 1 only when downsampling.
  const cutoff = Math.min(1, toHz / fromHz);
  const halfWidth = HALF_ZERO_CROSSINGS / cutoff;
  for (let i = 0; i < outLength; i++) {
    const t = i * ratio;
    const first = Math.max(0, Math.ceil(t - halfWidth));
    const last = Math.min(input.length - 1, Math.floor(t + halfWidth));
    let acc = 0;
    let weightSum = 0;
    for (let j = first; j <= last; j++) {
      const x = t - j;
      const arg = Math.PI * x * cutoff;
      const sinc = arg === 0 ? 1 : Math.sin(arg) / arg;
      const w = sinc * blackman(x, halfWidth);
      acc += input[j]! * w;
      weightSum += w;
    }
    // Normalising by the kernel sum keeps DC gain at exactly 1, also near the edges.
    out[i] = weightSum !== 0 ? acc / weightSum : 0;
  }
  return out;
}
