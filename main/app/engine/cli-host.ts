// Entry of the app's utility processes (bundled to dist/app/cli-host.js). It runs one
// `klachtcoach` command with the arguments main passes:
//   - `serve ...`: the engine, the same headless server `klachtcoach serve` runs (DESIGN.md:
//     the same engine runs headless and inside the Electron app);
//   - `models download NAME`: the speech model download of the first-run page.
// Keeping these out of the main process means a crash or a slow model never freezes the overlay
// or the tray, and main can restart them. (`child_process.fork` is not an option: the RunAsNode
// fuse is off in packaged builds.)
import { main } from '../../cli/index.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`klachtcoach: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
