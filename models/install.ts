// Installs a model from the manifest: every file is fetched (from the hub, a mirror or a folder)
// into <models>/.partial/<name>/, verified against its pinned sum, and only when all files are
// verified and the receipt is written is the folder renamed to <models>/<name>/. A rename within
// one file system is atomic, so a model folder is either complete and verified or absent: the
// loader never sees a half-installed model, whatever happens during the install.
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ChecksumMismatchError, sumsOfFile, type ExpectedSum } from './file-sum.ts';
import { pinnedSum, unpinnedFiles, type ManifestFile, type ModelEntry } from './manifest.ts';
import type { ProgressSink } from './progress.ts';
import { silentProgress } from './progress.ts';
import { writeReceipt, type InstalledFile, type InstallReceipt } from './receipt.ts';
import { partialDir } from './paths.ts';
import type { ModelSource } from './sources.ts';

export class InstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallError';
  }
}

/** A small file without a published blob id is taken as served only up to this size (JSON). */
const MAX_UNPINNED_SMALL_BYTES = 8 * 1024 * 1024;

export interface InstallOptions {
  name: string;
  entry: ModelEntry;
  modelsDir: string;
  source: ModelSource;
  /** Escape hatch: check large files without a pinned sum against the SHA-256 the server announces. */
  acceptHubSums?: boolean;
  progress?: ProgressSink;
  /** Warnings and per-file lines (the CLI sends them to stderr). */
  log?: (line: string) => void;
}

interface Expected extends ExpectedSum {
  source: InstalledFile['sumSource'];
}

/** Refuses unpinned large files unless accepted, and says which files are taken unpinned. */
function checkPins(opts: InstallOptions, log: (line: string) => void): void {
  const { name, entry, source } = opts;
  const { large, small } = unpinnedFiles(entry);
  if (large.length > 0 && !opts.acceptHubSums) {
    throw new InstallError(
      `${name}: models/manifest.json pins no SHA-256 for ${large.join(', ')} (none is published for revision ${entry.revision}). ` +
        `Refusing to install unpinned weights. If you trust ${source.description}, run again with --accept-hub-sums ` +
        'to check them against the SHA-256 it announces (models/README.md says how to pin them instead).',
    );
  }
  if (large.length > 0 && !source.announcedSha256) {
    throw new InstallError(`${name}: ${large.join(', ')} have no pinned SHA-256 and a folder announces none; install them from the hub or a mirror with --accept-hub-sums`);
  }
  if (large.length > 0) {
    log(`warning: --accept-hub-sums: ${large.join(', ')} of ${name} have no pinned SHA-256; they are checked only against the SHA-256 ${source.description} announces, so whoever controls that server or the connection chooses these bytes`);
  } else if (opts.acceptHubSums) {
    log(`note: --accept-hub-sums changes nothing for ${name}: every large file is pinned`);
  }
  if (small.length > 0) {
    log(`note: unpinned (no published git blob id): ${small.join(', ')} of ${name}; taken as ${source.description} serves them for revision ${entry.revision}, their sums are recorded in the install receipt`);
  }
}

async function expectedFor(opts: InstallOptions, file: ManifestFile, label: string): Promise<Expected> {
  const pinned = pinnedSum(file);
  if (pinned.value !== null) return { ...pinned, source: 'manifest' };
  if (pinned.kind === 'gitBlob') return { ...pinned, source: 'computed' };
  const announced = await opts.source.announcedSha256!(opts.entry, file, label).catch((err: unknown) => {
    throw new InstallError((err as Error).message);
  });
  if (announced === null) throw new InstallError(`${label}: ${opts.source.description} announces no SHA-256 for this file; add its sum to models/manifest.json`);
  return { kind: 'sha256', value: announced, source: 'hub-lfs' };
}

async function installFile(opts: InstallOptions, staging: string, file: ManifestFile, log: (line: string) => void): Promise<InstalledFile> {
  const label = `${opts.name}/${file.path}`;
  const expected = await expectedFor(opts, file, label);
  const dest = join(staging, file.path);
  const installed = (sums: { sha256: string; gitBlob: string; sizeBytes: number }): InstalledFile =>
    ({ path: file.path, sizeBytes: sums.sizeBytes, sha256: sums.sha256, gitBlob: sums.gitBlob, sumSource: expected.source });
  // A file finished in an earlier, interrupted run is kept, but only if it still verifies.
  if (existsSync(dest) && expected.value !== null) {
    const sums = await sumsOfFile(dest);
    if (sums[expected.kind] === expected.value) {
      log(`${label}: already fetched, verified`);
      return installed(sums);
    }
    rmSync(dest);
  }
  try {
    const sums = await opts.source.fetch({ entry: opts.entry, file, dest, label, expected, progress: opts.progress ?? silentProgress });
    if (expected.value === null && sums.sizeBytes > MAX_UNPINNED_SMALL_BYTES) {
      rmSync(dest);
      throw new InstallError(`${label}: ${sums.sizeBytes} bytes without a pinned sum; refusing to take a file this large unverified`);
    }
    log(`${label}: ${expected.value === null ? 'unpinned, recorded' : 'verified'} sha256 ${sums.sha256}, git blob ${sums.gitBlob}`);
    return installed(sums);
  } catch (err) {
    if (err instanceof InstallError) throw err;
    if (err instanceof ChecksumMismatchError) throw new InstallError(`${err.message}. Nothing was installed; run the command again to retry.`);
    const kept = opts.source.resumes ? ` The part fetched so far is kept in ${staging}; run the command again to resume.` : ' Nothing was installed.';
    throw new InstallError(`${(err as Error).message}.${kept}`);
  }
}

export async function installModel(opts: InstallOptions): Promise<InstallReceipt> {
  const { name, entry, modelsDir } = opts;
  const log = opts.log ?? (() => undefined);
  checkPins(opts, log);
  const staging = partialDir(modelsDir, name);
  mkdirSync(staging, { recursive: true });
  const files: InstalledFile[] = [];
  for (const file of entry.files) files.push(await installFile(opts, staging, file, log));
  const receipt: InstallReceipt = {
    name,
    repo: entry.repo,
    revision: entry.revision,
    source: opts.source.description,
    installedAt: new Date().toISOString(),
    dtype: entry.dtype,
    files,
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
