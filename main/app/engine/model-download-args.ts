// Pure (no Electron import), so the exact command line is tested by running it (test/app/model-download.test.ts).

/**
 * The command line the first-run page's "download" button runs.
 *
 * Why `--accept-hub-sums`: the agent has read the privacy notice and pressed "download", and
 * models/manifest.json does not pin every file's SHA-256 yet, so without the flag the download
 * could only ever be refused. With it, every file is still checked before it is installed:
 * against the sum pinned in the manifest where there is one, otherwise against the SHA-256 the
 * Hugging Face hub publishes for that file (its LFS id); a mismatch installs nothing, a large
 * file without a published sum is refused. The first-run page says exactly this
 * (renderer/firstrun/strings.ts, `modelVerified`).
 */
export function modelDownloadArgs(model: string): string[] {
  return ['models', 'download', model, '--accept-hub-sums'];
}
