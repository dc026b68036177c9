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

/**
 * The Electron binary's path, or why there is none. A skipped download (ELECTRON_SKIP_BINARY_DOWNLOAD,
 * machines without internet) is the usual case and not a fault: the `electron` package then throws
 * "failed to install correctly", which would only alarm; it is said plainly instead.
 */
function findElectron() {
  try {
    // Outside Electron, the `electron` package exports the path of its downloaded binary.
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
    return { why: 'its program is not installed on this machine' };
  } catch (error) {
    const notDownloaded = !existsSync(`${root}/node_modules/electron/path.txt`);
    return { why: notDownloaded ? 'its program is not installed on this machine' : `it cannot be loaded (${error instanceof Error ? error.message : String(error)})` };
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
  console.log(`Klachtcoach: the desktop app (tray and overlay window) runs on Electron, and ${electron.why}.`);
  console.log('Starting the same coach without the app window instead: open the overlay, capture and tablet links below in a browser.');
  console.log('(For the desktop app later: `node node_modules/electron/install.js`, which downloads Electron.)\n');
  run(process.execPath, ['bin/klachtcoach.mjs', 'serve', ...args]);
}
