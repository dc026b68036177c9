// Where a model's files come from. The hub and an internal mirror are both HTTP(S) servers with
// the hub's layout, `<repo>/resolve/<revision>/<path>`; a folder (a file share, a USB stick) holds
// the same tree, as `models export` writes it, or the repository's files directly. Every source
// hands over bytes the installer verifies against the manifest before it keeps them.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { downloadFile } from './download.ts';
import { verifyInto, type ExpectedSum, type FileSums } from './file-sum.ts';
import type { ManifestFile, ModelEntry } from './manifest.ts';
import type { ProgressSink } from './progress.ts';

export interface FetchRequest {
  entry: ModelEntry;
  file: ManifestFile;
  /** Final place of the file; the bytes are verified before they get this name. */
  dest: string;
  /** e.g. `whisper-base/onnx/encoder_model.onnx`, for messages and progress. */
  label: string;
  expected: ExpectedSum;
  progress?: ProgressSink;
}

export interface ModelSource {
  /** The server's address or the folder: for messages and the install receipt. */
  readonly description: string;
  /** Whether a failed fetch leaves a part that the next run resumes from. */
  readonly resumes: boolean;
  fetch(req: FetchRequest): Promise<FileSums>;
  /** The SHA-256 the server announces for a large file (--accept-hub-sums); absent for a folder. */
  announcedSha256?(entry: ModelEntry, file: ManifestFile, label: string): Promise<string | null>;
}

/** A file's place in the hub's layout, which a mirror and an exported folder share. */
export function mirrorPath(entry: ModelEntry, path: string): string {
  return `${entry.repo}/resolve/${entry.revision}/${path}`;
}

export function fileUrl(endpoint: string, entry: ModelEntry, path: string): string {
  const encoded = mirrorPath(entry, path).split('/').map(encodeURIComponent).join('/');
  return `${endpoint.replace(/\/+$/, '')}/${encoded}`;
}

export interface HttpOptions {
  retries?: number;
  retryDelayMs?: number;
  fetchImpl?: typeof fetch;
}

export function httpSource(endpoint: string, options: HttpOptions = {}): ModelSource {
  return {
    description: endpoint.replace(/\/+$/, ''),
    resumes: true,
    fetch: (req) => downloadFile({ ...options, url: fileUrl(endpoint, req.entry, req.file.path), dest: req.dest, label: req.label, expected: req.expected, progress: req.progress }),
    // The hub answers a resolve HEAD for an LFS file with X-Linked-Etag: "<sha256>" (the LFS oid).
    async announcedSha256(entry, file, label) {
      const url = fileUrl(endpoint, entry, file.path);
      let res: Response;
      try {
        res = await (options.fetchImpl ?? fetch)(url, { method: 'HEAD', redirect: 'manual' });
      } catch (err) {
        throw new Error(`${label}: cannot reach ${new URL(url).host}: ${(err as Error).message}`, { cause: err });
      }
      const linked = (res.headers.get('x-linked-etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
      return /^[0-9a-f]{64}$/.test(linked) ? linked : null;
    },
  };
}

/** Where a folder may hold a file: as `models export` lays it out, or as the repository has it. */
export function folderCandidates(dir: string, entry: ModelEntry, path: string): string[] {
  return [join(dir, mirrorPath(entry, path)), join(dir, path)];
}

export function folderSource(dir: string): ModelSource {
  return {
    description: dir,
    resumes: false,
    async fetch(req) {
      const candidates = folderCandidates(dir, req.entry, req.file.path);
      const found = candidates.find((c) => existsSync(c));
      if (!found) throw new Error(`${req.label}: not in the folder; looked for ${candidates.join(' and ')}`);
      mkdirSync(dirname(req.dest), { recursive: true });
      const part = `${req.dest}.part`;
      copyFileSync(found, part);
      return verifyInto(part, req.dest, req.label, req.expected);
    },
  };
}
