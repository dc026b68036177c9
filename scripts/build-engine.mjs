// Bundles the engine and the command line with esbuild into dist/engine/ (issue 15): the desktop
// app and bin/klachtcoach run plain JavaScript, so nothing compiles TypeScript at run time (tsx's
// disk cache in the temp folder would be read unchecked, around the ASAR-integrity fuses).
//   dist/engine/klachtcoach.mjs            the CLI and the engine (`serve`, `models`, ...)
//   dist/engine/speech-worker-process.mjs  the speech recogniser's child process
// npm packages stay external: native modules (better-sqlite3, onnxruntime-node) cannot be bundled,
// and electron-builder ships node_modules. Data files are found from the project folder
// (main/project-root.ts), so the bundle reads the same rules, models manifest and views.
// Files are written beside the old ones and renamed over them, so a test reading the bundle
// while another rebuilds it never sees half a file.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const ENGINE_DIR = join(root, 'dist', 'engine');
export const ENGINE_ENTRIES = { klachtcoach: 'main/cli/bin.ts', 'speech-worker-process': 'main/asr/speech-worker-process.ts' };

export async function buildEngine() {
  const esbuild = await import('esbuild');
  const staging = join(root, 'dist', `.engine-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: ENGINE_ENTRIES,
      outdir: staging,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    mkdirSync(ENGINE_DIR, { recursive: true });
    for (const file of readdirSync(staging)) renameSync(join(staging, file), join(ENGINE_DIR, file));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildEngine();
