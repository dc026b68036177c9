// The command line's entry: runs one `klachtcoach` command and sets the exit code. esbuild bundles
// it (with the whole engine) into dist/engine/klachtcoach.mjs, which bin/klachtcoach.mjs and the
// desktop app's utilityProcess run; tests and development run it from source through tsx
// (scripts/dev-cli.mjs). An unexpected error is printed with its stack, never swallowed.
import { main } from './index.ts';

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`klachtcoach: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
