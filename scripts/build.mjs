// `npm run build` (also run by `npm ci` through `prepare`): bundles the React views with Vite,
// the engine and CLI with esbuild into dist/engine/ (build-engine.mjs; run by bin/klachtcoach and
// the app), and the Electron main process into dist/app/. Tests and development run the
// TypeScript sources through tsx instead (scripts/dev-cli.mjs).
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { buildEngine } from './build-engine.mjs';

const rendererDir = new URL('../renderer/', import.meta.url);
const pages = existsSync(rendererDir) ? readdirSync(rendererDir).filter((f) => f.endsWith('.html')) : [];
if (pages.length === 0) {
  console.log('build: no renderer pages yet, nothing to bundle');
} else {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

await buildEngine();

// Electron main process and the preload (sandboxed preloads must be CommonJS with everything but
// `electron` inlined). npm packages stay external in main: electron-builder ships node_modules.
const esbuild = await import('esbuild');
const { rmSync } = await import('node:fs');
rmSync(new URL('../dist/app/', import.meta.url), { recursive: true, force: true });
const appBuild = { bundle: true, platform: 'node', target: 'node22', sourcemap: 'linked', logLevel: 'warning', external: ['electron'] };
await Promise.all([
  esbuild.build({ ...appBuild, entryPoints: { main: 'main/app/main.ts' }, outdir: 'dist/app', format: 'esm', packages: 'external' }),
  esbuild.build({ ...appBuild, entryPoints: ['main/app/preload.ts'], outfile: 'dist/app/preload.cjs', format: 'cjs' }),
]);
