// Runs the app's loopback server (`klachtcoach serve`, the engine, which also serves the review
// screens under /review/) in an Electron utilityProcess and keeps it running: restarts with
// backoff after a crash (restart-policy.ts), gives up with a clear message when it keeps
// crashing. The engine's output is read for the desktop links and the pairing code
// (engine-output.ts); all output goes to the main process log with every credential redacted.
import { utilityProcess, type UtilityProcess } from 'electron';
import { NEW_PAIRING_CODE } from '../../contracts/engine-commands.ts';
import { EngineOutput, redactSecrets, type PairingOffer } from './engine-output.ts';
import { RestartPolicy } from './restart-policy.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface ServerProcessOptions {
  /** Shown in logs and the OS task manager. */
  name: string;
  /** The engine bundle, dist/engine/klachtcoach.mjs (a `klachtcoach` command line). */
  hostScript: string;
  /** The klachtcoach command, e.g. ['serve', '--port', '43123']. */
  args: string[];
  port: number;
  /** A path that answers 200 once the server is ready. */
  readyPath: string;
  /** The engine must also have printed its overlay link before it counts as started. */
  needsOverlayLink: boolean;
  /** Where the servers keep the call store and models (the app's userData). */
  dataDir: string;
  /** Called when the server is up again after a restart (windows reload their pages). */
  onRestarted: () => void;
  /** Called when the server will not be restarted any more. */
  onGaveUp: (reason: string) => void;
}

export class ServerProcess {
  readonly #opts: ServerProcessOptions;
  readonly #policy = new RestartPolicy();
  #child: UtilityProcess | null = null;
  #startedAtMs = 0;
  #stopping = false;
  #output = new EngineOutput();

  constructor(options: ServerProcessOptions) {
    this.#opts = options;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.#opts.port}`;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** What the server printed that the app uses: desktop links, the current pairing offer. */
  get output(): EngineOutput {
    return this.#output;
  }

  /** Starts the server and resolves once it answers (and, for the engine, its overlay link is known). */
  async start(): Promise<void> {
    this.#stopping = false;
    this.#output = new EngineOutput();
    this.#spawn();
    const exited = new AbortController();
    this.#child?.once('exit', (code) => exited.abort(`${this.#opts.name} exited with code ${code}`));
    await waitForHttp(`${this.origin}${this.#opts.readyPath}`, { timeoutMs: 30_000, intervalMs: 150, signal: exited.signal });
    if (!this.#opts.needsOverlayLink) return;
    const deadline = Date.now() + 5_000;
    while (this.#output.desktopLinks.overlay === undefined) {
      if (exited.signal.aborted || Date.now() > deadline) {
        throw new Error(`${this.#opts.name} started but printed no overlay link; is \`klachtcoach serve\` up to date?`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Asks the engine for a fresh pairing code (the one printed at start, if any, may have expired)
   * and resolves with it once printed; null if none came within `timeoutMs`.
   */
  async requestPairing(timeoutMs = 5_000): Promise<PairingOffer | null> {
    const before = this.#output.pairing;
    this.#child?.postMessage(NEW_PAIRING_CODE);
    const deadline = Date.now() + timeoutMs;
    while (this.#output.pairing === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return this.#output.pairing === before ? null : this.#output.pairing;
  }

  stop(): void {
    this.#stopping = true;
    this.#child?.kill();
    this.#child = null;
  }

  #spawn(): void {
    const tag = this.#opts.name.toLowerCase().replace(/\s+/g, '-');
    const child = utilityProcess.fork(this.#opts.hostScript, this.#opts.args, {
      serviceName: `Klachtcoach ${this.#opts.name}`,
      stdio: 'pipe',
      env: { ...process.env, KLACHTCOACH_DATA_DIR: this.#opts.dataDir, KLACHTCOACH_EMBEDDED: '1' },
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      this.#output.push(chunk.toString('utf8'));
      process.stdout.write(prefixLines(tag, chunk));
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(prefixLines(tag, chunk)));
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
    console.error(`${this.#opts.name} exited with code ${code}; restarting in ${decision.delayMs} ms`);
    setTimeout(() => {
      if (this.#stopping) return;
      this.start().then(this.#opts.onRestarted, (error: unknown) => {
        console.error(`${this.#opts.name} restart failed: ${error instanceof Error ? error.message : String(error)}`);
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
