// Runs the engine (`klachtcoach serve`) in an Electron utilityProcess and keeps it running:
// restarts with backoff after a crash (restart-policy.ts), gives up with a clear message when it
// keeps crashing. Its output is read for the desktop links and the pairing code
// (engine-output.ts) and goes to the main process log with every credential redacted.
import { utilityProcess, type UtilityProcess } from 'electron';
import { EngineOutput, redactSecrets } from './engine-output.ts';
import { RestartPolicy } from './restart-policy.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface EngineOptions {
  /** main/app/engine/cli-host.mjs */
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
  #output = new EngineOutput();

  constructor(options: EngineOptions) {
    this.#opts = options;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#opts.port}`;
  }

  /** What the engine printed that the app uses: desktop links, the current pairing offer. */
  get output(): EngineOutput {
    return this.#output;
  }

  /** Starts the engine and resolves once its HTTP server answers and the overlay link is known. */
  async start(): Promise<void> {
    this.#output = new EngineOutput();
    this.#spawn();
    const exited = new AbortController();
    this.#child?.once('exit', (code) => exited.abort(`the engine exited with code ${code}`));
    await waitForHttp(`${this.origin}/overlay.html`, { timeoutMs: 20_000, intervalMs: 150, signal: exited.signal });
    const deadline = Date.now() + 5_000;
    while (this.#output.desktopLinks.overlay === undefined) {
      if (exited.signal.aborted || Date.now() > deadline) {
        throw new Error('the engine started but printed no overlay link; is `klachtcoach serve` up to date?');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): void {
    this.#stopping = true;
    this.#child?.kill();
    this.#child = null;
  }

  #spawn(): void {
    const child = utilityProcess.fork(
      this.#opts.hostScript,
      // Without --local the engine also listens on the LAN address, so a tablet can pair.
      ['serve', '--port', String(this.#opts.port)],
      {
        serviceName: 'Klachtcoach engine',
        stdio: 'pipe',
        env: { ...process.env, KLACHTCOACH_DATA_DIR: this.#opts.dataDir, KLACHTCOACH_EMBEDDED: '1' },
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      this.#output.push(chunk.toString('utf8'));
      process.stdout.write(prefixLines('engine', chunk));
    });
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
    .map((line) => `[${prefix}] ${redactSecrets(line)}`)
    .join('');
}
