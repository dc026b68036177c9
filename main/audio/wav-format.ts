// Parses a RIFF/WAVE file into per-channel Float32 samples in [-1, 1]. Only what calls are
// recorded in is accepted: integer PCM (8, 16, 24, 32 bit) and IEEE float (32, 64 bit), mono or
// stereo, plain or WAVE_FORMAT_EXTENSIBLE. Everything else is refused with a WavError that names
// the file and the field, so a user knows whether the file is broken or just unsupported.

export class WavError extends Error {
  constructor(readonly source: string, problem: string) {
    super(`${source}: ${problem}`);
    this.name = 'WavError';
  }
}

export interface DecodedWav {
  sampleRate: number;
  /** One array per channel; for stereo calls [left, right]. */
  channels: Float32Array[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;
const MAX_CHANNELS = 2;

interface FmtChunk {
  format: number;
  channelCount: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

function ascii(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3));
}

function parseFmt(view: DataView, offset: number, size: number, source: string): FmtChunk {
  if (size < 16) throw new WavError(source, `fmt chunk is ${size} bytes, needs at least 16`);
  let format = view.getUint16(offset, true);
  const channelCount = view.getUint16(offset + 2, true);
  const sampleRate = view.getUint32(offset + 4, true);
  const blockAlign = view.getUint16(offset + 12, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (format === FORMAT_EXTENSIBLE) {
    // The real format is the first two bytes of the sub-format GUID (cbSize 22 follows the basic fields).
    if (size < 40) throw new WavError(source, `extensible fmt chunk is ${size} bytes, needs 40`);
    format = view.getUint16(offset + 24, true);
  }
  return { format, channelCount, sampleRate, bitsPerSample, blockAlign };
}

function checkFmt(fmt: FmtChunk, source: string): void {
  const { format, channelCount, sampleRate, bitsPerSample, blockAlign } = fmt;
  if (format !== FORMAT_PCM && format !== FORMAT_FLOAT) {
    throw new WavError(source, `unsupported audio format ${format} (only PCM = 1 and IEEE float = 3 are read)`);
  }
  if (channelCount < 1 || channelCount > MAX_CHANNELS) {
    throw new WavError(source, `unsupported channel count ${channelCount} (mono = agent only, stereo = agent left, customer right)`);
  }
  if (sampleRate < 8000 || sampleRate > 384000) throw new WavError(source, `implausible sample rate ${sampleRate} Hz`);
  const okBits = format === FORMAT_PCM ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(bitsPerSample)) {
    throw new WavError(source, `unsupported ${format === FORMAT_PCM ? 'PCM' : 'float'} sample size ${bitsPerSample} bits`);
  }
  if (blockAlign !== channelCount * (bitsPerSample / 8)) {
    throw new WavError(source, `fmt block align ${blockAlign} does not match ${channelCount} channel(s) of ${bitsPerSample} bits`);
  }
}

function sampleReader(fmt: FmtChunk): (view: DataView, offset: number) => number {
  if (fmt.format === FORMAT_FLOAT) {
    return fmt.bitsPerSample === 32 ? (v, o) => v.getFloat32(o, true) : (v, o) => v.getFloat64(o, true);
  }
  switch (fmt.bitsPerSample) {
    case 8: return (v, o) => (v.getUint8(o) - 128) / 128;
    case 16: return (v, o) => v.getInt16(o, true) / 32768;
    case 24: return (v, o) => ((v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16)) / 8388608);
    default: return (v, o) => v.getInt32(o, true) / 2147483648;
  }
}

/** Decodes a whole WAV file held in memory. `source` names the file in error messages. */
export function decodeWav(bytes: Uint8Array, source: string): DecodedWav {
  if (bytes.byteLength < 12) throw new WavError(source, `only ${bytes.byteLength} bytes, too short for a WAV header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(view, 0) !== 'RIFF' || ascii(view, 8) !== 'WAVE') {
    throw new WavError(source, 'not a WAV file (no RIFF/WAVE header)');
  }
  let fmt: FmtChunk | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.byteLength) throw new WavError(source, 'truncated: fmt chunk runs past the end of the file');
      fmt = parseFmt(view, body, size, source);
      checkFmt(fmt, source);
    } else if (id === 'data') {
      if (!fmt) throw new WavError(source, 'data chunk comes before the fmt chunk');
      const available = bytes.byteLength - body;
      if (size > available) {
        throw new WavError(source, `truncated: data chunk says ${size} bytes but only ${available} remain`);
      }
      return decodeData(view, body, size, fmt, source);
    }
    // Chunks are word aligned: an odd-sized chunk is followed by one pad byte.
    offset = body + size + (size % 2);
  }
  if (offset < bytes.byteLength) {
    throw new WavError(source, `truncated: the chunk at byte ${offset} is cut off before its ${fmt ? 'data' : 'fmt'} chunk`);
  }
  throw new WavError(source, fmt ? 'no data chunk' : 'no fmt chunk');
}

function decodeData(view: DataView, start: number, size: number, fmt: FmtChunk, source: string): DecodedWav {
  if (size % fmt.blockAlign !== 0) {
    throw new WavError(source, `data chunk of ${size} bytes is not a whole number of ${fmt.blockAlign}-byte frames`);
  }
  const frames = size / fmt.blockAlign;
  const bytesPerSample = fmt.bitsPerSample / 8;
  const read = sampleReader(fmt);
  const channels = Array.from({ length: fmt.channelCount }, () => new Float32Array(frames));
  for (let i = 0; i < frames; i++) {
    const frameOffset = start + i * fmt.blockAlign;
    for (let c = 0; c < fmt.channelCount; c++) {
      const value = read(view, frameOffset + c * bytesPerSample);
      if (!Number.isFinite(value)) throw new WavError(source, `sample ${i} of channel ${c} is not a finite number`);
      channels[c]![i] = value;
    }
  }
  return { sampleRate: fmt.sampleRate, channels };
}

/** Encodes channels as a 16-bit PCM WAV (used by the fixture generator and tests). */
export function encodeWav16(channels: Float32Array[], sampleRate: number): Uint8Array {
  const channelCount = channels.length;
  const frames = channels[0]?.length ?? 0;
  const dataSize = frames * channelCount * 2;
  const out = new Uint8Array(44 + dataSize);
  const view = new DataView(out.buffer);
  const writeAscii = (offset: number, text: string) => {
    for (let i = 0; i < 4; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  writeAscii(0, 'RIFF');
  view.setUint32(4, 36 + dataSize, true);
  writeAscii(8, 'WAVE');
  writeAscii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_PCM, true);
  view.setUint16(22, channelCount, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channelCount * 2, true);
  view.setUint16(32, channelCount * 2, true);
  view.setUint16(34, 16, true);
  writeAscii(36, 'data');
  view.setUint32(40, dataSize, true);
  let offset = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channelCount; c++) {
      const clamped = Math.max(-1, Math.min(1, channels[c]![i]!));
      view.setInt16(offset, Math.round(clamped * 32767), true);
      offset += 2;
    }
  }
  return out;
}
