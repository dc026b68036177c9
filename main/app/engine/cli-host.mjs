// Entry of the app's utility processes. It runs one `klachtcoach` command with the arguments
// main passes:
//   - `serve ...`: the engine, the same headless server `klachtcoach serve` runs (DESIGN.md: the
//     same engine runs headless and inside the Electron app);
//   - `models download NAME`: the speech model download of the first-run page.
// Like bin/klachtcoach.mjs it runs the TypeScript sources through tsx instead of a bundle, so the
// engine's own paths (rule files, views, speech worker scripts next to their modules) stay
// exactly as in the source tree. Keeping these out of the main process means a crash or a slow
// model never freezes the overlay or the tray, and main can restart them. (`child_process.fork`
// is not an option: the RunAsNode fuse is off in packaged builds.)
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../cli/index.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`klachtcoach: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
