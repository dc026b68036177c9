#!/usr/bin/env node
// Runs the bundled command line (dist/engine/klachtcoach.mjs, made by `npm run build`, which
// `npm ci` runs through `prepare`): plain JavaScript, no TypeScript compiled at run time.
// Developers and the tests run the sources instead: node scripts/dev-cli.mjs ...
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/engine/klachtcoach.mjs', import.meta.url));
if (!existsSync(bundle)) {
  console.error(`klachtcoach: ${bundle} is missing; build it with \`npm run build\` (or run the sources: node scripts/dev-cli.mjs)`);
  process.exitCode = 1;
} else {
  await import(bundle);
}
