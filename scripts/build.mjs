// `npm run build` (also run by `npm ci` through `prepare`): bundles the React views with Vite.
// The engine and CLI need no build: they run from TypeScript through tsx.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const rendererDir = new URL('../renderer/', import.meta.url);
const pages = existsSync(rendererDir) ? readdirSync(rendererDir).filter((f) => f.endsWith('.html')) : [];
if (pages.length === 0) {
  console.log('build: no renderer pages yet, nothing to bundle');
} else {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
