// Downloads one file over HTTP(S) with resume and checksum verification. The bytes go to
// `<dest>.part`; after a cut the next attempt asks for the rest with an HTTP Range request, and
// only a file whose sum matches is renamed to its final name (file-sum.ts, verifyInto). The hub
// and an internal mirror are the same to this code: both serve `<repo>/resolve/<revision>/<path>`.
import { createWriteStream, existsSync, mkdirSync, statSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { verifyInto, type ExpectedSum, type FileSums } from './file-sum.ts';
import type { ProgressSink } from './progress.ts';
import { silentProgress } from './progress.ts';

export class DownloadError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'DownloadError';
  }
}

export interface DownloadRequest {
  url: string;
  dest: string;
  /** Label for messages and the progress bar, e.g. `whisper-base/onnx/encoder_model.onnx`. */
  label: string;
  /** The sum the bytes must have (its value null only for an unpinned small file). */
  expected: ExpectedSum;
  progress?: ProgressSink;
  /** How often to resume after a cut connection before giving up (the part stays for next time). */
  retries?: number;
  retryDelayMs?: number;
  fetchImpl?: typeof fetch;
}

function partSize(part: string): number {
  return existsSync(part) ? statSync(part).size : 0;
}

/** One HTTP attempt: appends to the part file; returns when the server has sent everything. */
async function attempt(req: DownloadRequest, part: string): Promise<void> {
  const fetchImpl = req.fetchImpl ?? fetch;
  const have = partSize(part);
  let res: Response;
  try {
    res = await fetchImpl(req.url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {}, redirect: 'follow' });
  } catch (err) {
    throw new DownloadError(`${req.label}: cannot reach ${new URL(req.url).host}: ${(err as Error).message}`, true);
  }
  if (res.status === 416 && have > 0) {
    // The part already holds the whole file (cut after the last byte): verification decides.
    await res.body?.cancel();
    return;
  }
  if (res.status === 404) throw new DownloadError(`${req.label}: not found at ${req.url} (HTTP 404)`, false);
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new DownloadError(`${req.label}: HTTP ${res.status} from ${req.url}`, res.status >= 500 || res.status === 429);
  }
  let offset = 0;
  if (res.status === 206) {
    const range = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers.get('content-range') ?? '');
    offset = range ? Number(range[1]) : -1;
    if (offset !== have) {
      // The server answered a different range than asked; appending would corrupt the file.
      await res.body?.cancel();
      truncateSync(part, 0);
      throw new DownloadError(`${req.label}: server sent range starting at ${offset}, asked ${have}; restarting`, true);
    }
  } else if (have > 0) {
    truncateSync(part, 0); // server ignored Range: start over
  }
  const length = Number(res.headers.get('content-length') ?? Number.NaN);
  (req.progress ?? silentProgress).start(req.label, Number.isFinite(length) ? offset + length : null, offset);
  const out = createWriteStream(part, { flags: 'a' });
  try {
    if (!res.body) throw new DownloadError(`${req.label}: empty response body`, true);
    for await (const chunk of res.body) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      (req.progress ?? silentProgress).advance((chunk as Uint8Array).byteLength);
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError(`${req.label}: connection cut after ${partSize(part)} bytes (${(err as Error).message})`, true);
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
  if (Number.isFinite(length) && partSize(part) < offset + length) {
    throw new DownloadError(`${req.label}: connection cut after ${partSize(part)} of ${offset + length} bytes`, true);
  }
  (req.progress ?? silentProgress).done();
}

export async function downloadFile(req: DownloadRequest): Promise<FileSums> {
  mkdirSync(dirname(req.dest), { recursive: true });
  const part = `${req.dest}.part`;
  const retries = req.retries ?? 5;
  for (let tryNo = 0; ; tryNo++) {
    try {
      await attempt(req, part);
      break;
    } catch (err) {
      if (!(err instanceof DownloadError) || !err.retryable || tryNo >= retries) throw err;
      await new Promise((r) => setTimeout(r, (req.retryDelayMs ?? 500) * (tryNo + 1)));
    }
  }
  return verifyInto(part, req.dest, req.label, req.expected);
}
