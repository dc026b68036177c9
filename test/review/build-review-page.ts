// Builds only the review page with Vite into a temp folder, so the browser test exercises the
// real production bundle without depending on other pages building at the same moment.
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export async function buildReviewPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'kc-review-build-'));
  const root = resolve('renderer');
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, rollupOptions: { input: { review: resolve(root, 'review.html') } } },
  });
  return outDir;
}
