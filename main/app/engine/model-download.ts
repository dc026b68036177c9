// Runs `klachtcoach models download NAME [--mirror URL]` in a utilityProcess for the first-run
// page and turns its output into progress events. One download at a time; asking again while one
// runs joins it.
import { utilityProcess } from 'electron';
import type { ModelProgress } from '../../contracts/ipc.ts';
import { modelDownloadArgs } from './model-download-args.ts';
import { ModelProgressParser } from './model-progress.ts';

export class ModelDownloads {
  readonly #running = new Set<string>();

  constructor(
    private readonly hostScript: string,
    private readonly dataDir: string,
    /** The settings' `models.mirror`, read at each start so an edited setting applies. */
    private readonly mirror: () => string | null,
    private readonly onProgress: (progress: ModelProgress) => void,
  ) {}

  start(model: string): void {
    if (this.#running.has(model)) return;
    this.#running.add(model);
    const parser = new ModelProgressParser(model);
    this.onProgress({ model, phase: 'starting', fraction: null });
    const child = utilityProcess.fork(this.hostScript, modelDownloadArgs(model, this.mirror()), {
      serviceName: 'Klachtcoach model download',
      stdio: 'pipe',
      env: { ...process.env, KLACHTCOACH_DATA_DIR: this.dataDir },
    });
    const feed = (chunk: Buffer): void => {
      for (const progress of parser.push(chunk.toString('utf8'))) this.onProgress(progress);
    };
    child.stdout?.on('data', feed);
    child.stderr?.on('data', feed);
    child.once('exit', (code) => {
      this.#running.delete(model);
      this.onProgress(parser.finish(code));
    });
  }
}
