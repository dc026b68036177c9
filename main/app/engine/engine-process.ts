// Runs the engine (`klachtcoach serve`) in an Electron utilityProcess on a loopback port and
// keeps it running: restarts with backoff after a crash (restart-policy.ts), gives up with a
// clear message when it keeps crashing. Output goes to the main process log, prefixed.
import { utilityProcess, type UtilityProcess } from 'electron';
import { RestartPolicy } from './restart-policy.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface EngineOptions {
  /** dist/app/cli-host.js */
  hostScript: string;
  port: number;
  /** Where the engine keeps the call store and models (the app's userData). */
  dataDir: string;
  /** Called when the engine is up again after a restart (windows reload their pages). */
  onRestarted: () => void;
  /** Called when the engine will not be restarted any more. */
  onGaveUp: (reason: string) => void;
}

export class EngineProcess {
  readonly #opts: EngineOptions;
  readonly #policy = new RestartPolicy();
  #child: UtilityProcess | null = null;
  #startedAtMs = 0;
  #stopping = false;

  constructor(options: EngineOptions) {
    this.#opts = options;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#opts.port}`;
  }

  /** Starts the engine and resolves once its HTTP server answers. */
  async start(): Promise<void> {
    this.#spawn();
    const exited = new AbortController();
    this.#child?.once('exit', (code) => exited.abort(`the engine exited with code ${code}`));
    await waitForHttp(`${this.origin}/`, { timeoutMs: 20_000, intervalMs: 150, signal: exited.signal });
  }

  stop(): void {
    this.#stopping = true;
    this.#child?.kill();
    this.#child = null;
  }

  #spawn(): void {
    const child = utilityProcess.fork(
      this.#opts.hostScript,
      ['serve', '--host', '127.0.0.1', '--port', String(this.#opts.port)],
      {
        serviceName: 'Klachtcoach engine',
        stdio: 'pipe',
        env: { ...process.env, KLACHTCOACH_DATA_DIR: this.#opts.dataDir, KLACHTCOACH_EMBEDDED: '1' },
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(prefixLines('engine', chunk)));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefixLines('engine', chunk)));
    child.on('exit', (code) => this.#onExit(child, code));
    this.#child = child;
    this.#startedAtMs = Date.now();
  }

  #onExit(child: UtilityProcess, code: number): void {
    if (this.#stopping || child !== this.#child) return;
    this.#child = null;
    const decision = this.#policy.onCrash(Date.now(), Date.now() - this.#startedAtMs);
    if (!decision.restart) {
      this.#opts.onGaveUp(`${decision.reason}; last exit code ${code}`);
      return;
    }
    console.error(`engine exited with code ${code}; restarting in ${decision.delayMs} ms`);
    setTimeout(() => {
      if (this.#stopping) return;
      this.start().then(this.#opts.onRestarted, (error: unknown) => {
        console.error(`engine restart failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    }, decision.delayMs);
  }
}

function prefixLines(prefix: string, chunk: Buffer): string {
  return chunk
    .toString('utf8')
    .split(/(?<=\n)/)
    .map((line) => `[${prefix}] ${line}`)
    .join('');
}
