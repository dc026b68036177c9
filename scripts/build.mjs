// `npm run build` (also run by `npm ci` through `prepare`): bundles the React views with Vite.
// The engine and CLI need no build: they run from TypeScript through tsx. The Electron app does:
// Electron loads plain JavaScript, so main/app is bundled with esbuild into dist/app/.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const rendererDir = new URL('../renderer/', import.meta.url);
const pages = existsSync(rendererDir) ? readdirSync(rendererDir).filter((f) => f.endsWith('.html')) : [];
if (pages.length === 0) {
  console.log('build: no renderer pages yet, nothing to bundle');
} else {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

// Electron main process and the preload (sandboxed preloads must be CommonJS with everything but
// `electron` inlined). npm packages stay external in main: electron-builder ships node_modules.
// The engine itself is not bundled: it runs from source through tsx (main/app/engine/cli-host.mjs).
const esbuild = await import('esbuild');
const { rmSync } = await import('node:fs');
rmSync(new URL('../dist/app/', import.meta.url), { recursive: true, force: true });
const appBuild = { bundle: true, platform: 'node', target: 'node22', sourcemap: 'linked', logLevel: 'warning', external: ['electron'] };
await Promise.all([
  esbuild.build({ ...appBuild, entryPoints: { main: 'main/app/main.ts' }, outdir: 'dist/app', format: 'esm', packages: 'external' }),
  esbuild.build({ ...appBuild, entryPoints: ['main/app/preload.ts'], outfile: 'dist/app/preload.cjs', format: 'cjs' }),
]);
