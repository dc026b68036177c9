// Pure (no Electron import), so the exact command line is tested by running it (test/app/model-download.test.ts).

/**
 * The command line the first-run page's "download" button runs.
 *
 * No --accept-hub-sums: models/manifest.json pins each model to a commit and its weight files to
 * the SHA-256 the hub publishes, so the download checks every file against a sum we keep, never
 * against one the server chooses. A model whose weights are not pinned yet is not offered by the
 * first-run page (renderer/firstrun/strings.ts) and would be refused here.
 *
 * `mirror` is the administrator's internal mirror from the app's settings file (`models.mirror`):
 * the same paths as the hub, the same checks.
 */
export function modelDownloadArgs(model: string, mirror: string | null = null): string[] {
  return ['models', 'download', model, ...(mirror ? ['--mirror', mirror] : [])];
}
