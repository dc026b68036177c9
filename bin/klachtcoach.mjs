#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so the command never drifts from the source
// and `npx klachtcoach` works right after `npm ci` without a separate build of the engine.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
