// Installs a model from the manifest: every file is downloaded (with resume) into
// <models>/.partial/<name>/, verified against its SHA-256, and only when all files are verified
// and the receipt is written is the folder renamed to <models>/<name>/. A rename within one
// file system is atomic, so a model folder is either complete and verified or absent: the
// loader never sees a half-installed model, whatever happens during the download.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ManifestFile, ModelEntry } from './manifest.ts';
import { ChecksumMismatchError, downloadFile, sha256OfFile } from './download.ts';
import type { ProgressSink } from './progress.ts';
import { silentProgress } from './progress.ts';
import { writeReceipt, type InstalledFile, type InstallReceipt } from './receipt.ts';
import { partialDir } from './paths.ts';

export class InstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallError';
  }
}

/** Files without a manifest sum and without an LFS sum are accepted only if this small (config/tokenizer JSON). */
const MAX_COMPUTED_SUM_BYTES = 8 * 1024 * 1024;

export interface InstallOptions {
  name: string;
  entry: ModelEntry;
  modelsDir: string;
  endpoint: string;
  /** Accept the hub's own SHA-256 (LFS oid) for files whose manifest sum is still null. */
  acceptHubSums?: boolean;
  progress?: ProgressSink;
  retries?: number;
  retryDelayMs?: number;
  fetchImpl?: typeof fetch;
  log?: (line: string) => void;
}

export function fileUrl(endpoint: string, entry: ModelEntry, path: string): string {
  const repoPath = path.split('/').map(encodeURIComponent).join('/');
  return `${endpoint.replace(/\/$/, '')}/${entry.repo}/resolve/${encodeURIComponent(entry.revision)}/${repoPath}`;
}

interface ExpectedSum {
  sha256: string | null;
  source: InstalledFile['sumSource'];
}

/** The hub answers a resolve HEAD for LFS files with X-Linked-Etag: "<sha256>" (the LFS oid). */
async function hubSum(opts: InstallOptions, file: ManifestFile): Promise<ExpectedSum> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const url = fileUrl(opts.endpoint, opts.entry, file.path);
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'HEAD', redirect: 'manual' });
  } catch (err) {
    throw new InstallError(`${opts.name}/${file.path}: cannot reach ${new URL(url).host}: ${(err as Error).message}`);
  }
  const linked = (res.headers.get('x-linked-etag') ?? '').replace(/^W\//, '').replace(/"/g, '');
  if (/^[0-9a-f]{64}$/.test(linked)) return { sha256: linked, source: 'hub-lfs' };
  const size = Number(res.headers.get('x-linked-size') ?? res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(size) && size <= MAX_COMPUTED_SUM_BYTES) return { sha256: null, source: 'computed' };
  throw new InstallError(`${opts.name}/${file.path}: the hub gives no SHA-256 for this file and it is too large to trust unverified; add its sum to models/manifest.json`);
}

export async function installModel(opts: InstallOptions): Promise<InstallReceipt> {
  const { name, entry, modelsDir } = opts;
  const log = opts.log ?? (() => undefined);
  const unverified = entry.files.filter((f) => f.sha256 === null);
  if (unverified.length > 0 && !opts.acceptHubSums) {
    throw new InstallError(
      `${name}: models/manifest.json has no verified SHA-256 for ${unverified.map((f) => f.path).join(', ')}. ` +
        'Refusing to install unverified files. Run again with --accept-hub-sums to verify against the sums the Hugging Face hub publishes ' +
        '(and copy the printed sums into the manifest), or add the sums yourself.',
    );
  }
  const staging = partialDir(modelsDir, name);
  mkdirSync(staging, { recursive: true });
  const installed: InstalledFile[] = [];
  for (const file of entry.files) {
    const expected: ExpectedSum = file.sha256 !== null ? { sha256: file.sha256, source: 'manifest' } : await hubSum(opts, file);
    const dest = join(staging, file.path);
    const label = `${name}/${file.path}`;
    // A file finished in an earlier, interrupted run is kept, but only if it still verifies.
    if (existsSync(dest) && expected.sha256 !== null) {
      const sum = await sha256OfFile(dest);
      if (sum === expected.sha256) {
        log(`${label}: already downloaded, verified`);
        installed.push({ path: file.path, sizeBytes: statSync(dest).size, sha256: sum, sumSource: expected.source });
        continue;
      }
      rmSync(dest);
    }
    try {
      const result = await downloadFile({
        url: fileUrl(opts.endpoint, entry, file.path),
        dest,
        label,
        expectedSha256: expected.sha256,
        progress: opts.progress ?? silentProgress,
        retries: opts.retries,
        retryDelayMs: opts.retryDelayMs,
        fetchImpl: opts.fetchImpl,
      });
      if (expected.sha256 === null && result.sizeBytes > MAX_COMPUTED_SUM_BYTES) {
        rmSync(dest);
        throw new InstallError(`${label}: ${result.sizeBytes} bytes without a published SHA-256; refusing to trust it unverified`);
      }
      installed.push({ path: file.path, sizeBytes: result.sizeBytes, sha256: result.sha256, sumSource: expected.source });
      log(`${label}: sha256 ${result.sha256} (${expected.source})`);
    } catch (err) {
      if (err instanceof ChecksumMismatchError) throw new InstallError(`${err.message}. Nothing was installed; run the command again to retry.`);
      if (err instanceof InstallError) throw err;
      throw new InstallError(`${(err as Error).message}. The part downloaded so far is kept in ${staging}; run the command again to resume.`);
    }
  }
  const receipt: InstallReceipt = {
    name,
    repo: entry.repo,
    revision: entry.revision,
    installedAt: new Date().toISOString(),
    dtype: entry.dtype,
    files: installed,
  };
  writeReceipt(staging, receipt);
  swapIntoPlace(staging, join(modelsDir, name));
  return receipt;
}

/** Replaces <final> by <staging> with renames only, so an existing install is never half-overwritten. */
function swapIntoPlace(staging: string, final: string): void {
  mkdirSync(dirname(final), { recursive: true });
  const old = `${final}.old-${process.pid}`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(staging, final);
  rmSync(old, { recursive: true, force: true });
  // Drop the .partial folder once no other download is in progress.
  const partials = dirname(staging);
  if (existsSync(partials) && readdirSync(partials).length === 0) rmdirSync(partials);
}
