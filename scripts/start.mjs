// `npm start`: the desktop app when Electron's binary is installed; otherwise the same engine
// headless (`klachtcoach serve`), so the overlay, capture and tablet views still open in a
// browser. Arguments after `npm start --` go to whichever of the two runs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** The Electron binary's path, or the reason there is none. */
function findElectron() {
  try {
    // Outside Electron, the `electron` package exports the path of its downloaded binary, and
    // throws when the download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or failed.
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
    return { why: `the Electron binary is missing at ${String(binary)}` };
  } catch (error) {
    return { why: error instanceof Error ? error.message : String(error) };
  }
}

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

const electron = findElectron();
if ('binary' in electron) {
  if (!existsSync(`${root}/dist/app/main.js`)) {
    console.log('start: dist/app is missing; building first (npm run build)');
    const build = spawn(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    build.on('exit', (code) => {
      if (code === 0) run(electron.binary, ['.', ...args]);
      else process.exitCode = code ?? 1;
    });
  } else {
    run(electron.binary, ['.', ...args]);
  }
} else {
  console.log(`start: the desktop app needs Electron, which cannot start here: ${electron.why}`);
  console.log('start: running the engine headless instead (`klachtcoach serve`); open the overlay and capture links below in a browser.');
  console.log('start: to get the desktop app, install Electron\'s binary: `node node_modules/electron/install.js` (needs internet).\n');
  run(process.execPath, ['bin/klachtcoach.mjs', 'serve', ...args]);
}
