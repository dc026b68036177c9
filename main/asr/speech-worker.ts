// The engine's handle on speech recognition: a child Node process that holds the one
// onnxruntime instance (research/asr.md §4: several ORT instances per process have crashed;
// a child also keeps a native crash from taking the engine down and returns all model memory
// to the OS when it ends). If the child dies, it is restarted with the same model and the
// requests it had not answered are sent again, so no utterance is silently lost. An utterance
// that kills the worker twice is rejected rather than retried forever.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ModelMissingError } from './model-errors.ts';
import { Transcript, type SpeechRecogniser } from './transcript.ts';
import { WorkerReply, type LoadPayload, type WorkerErrorInfo, type WorkerRequest } from './worker-protocol.ts';
import { projectPath } from '../project-root.ts';

// Run from the TypeScript sources (tests, development), the worker runs its source through tsx;
// run from the esbuild bundle (bin/klachtcoach, the app), it runs its own bundle, and tsx (a
// development tool) is not needed or shipped.
const FROM_SOURCE = import.meta.url.endsWith('.ts');

/** The worker's entry file and the Node options to run it with. */
function workerEntry(): { entry: string; execArgv: string[] } {
  if (!FROM_SOURCE) return { entry: projectPath('dist', 'engine', 'speech-worker-process.mjs'), execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { entry: fileURLToPath(new URL('./speech-worker-process.ts', import.meta.url)), execArgv: ['--import', tsx] };
}

export interface SpeechWorkerOptions extends LoadPayload {
  /** Restarts allowed within `restartWindowMs` before the worker is declared broken. */
  maxRestarts?: number;
  restartWindowMs?: number;
  onRestart?: (info: { exitCode: number | null; signal: NodeJS.Signals | null; restarts: number }) => void;
}

export class SpeechWorkerError extends Error {
  constructor(message: string, readonly remote?: WorkerErrorInfo) {
    super(message);
    this.name = 'SpeechWorkerError';
  }
}

interface Pending {
  request: WorkerRequest;
  crashes: number;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export class SpeechWorker implements SpeechRecogniser {
  private child: ChildProcess | null = null;
  private seq = 0;
  /** In send order; the child answers in the same order, so the head is the one running. */
  private readonly pending = new Map<number, Pending>();
  private restartTimes: number[] = [];
  private closed = false;
  private broken: Error | null = null;
  private ready: Promise<void> = Promise.resolve();

  private constructor(private readonly options: SpeechWorkerOptions) {}

  /** Starts the worker and loads the model; rejects with ModelMissingError when it is not installed. */
  static async start(options: SpeechWorkerOptions): Promise<SpeechWorker> {
    const worker = new SpeechWorker(options);
    worker.ready = worker.spawnAndLoad();
    try {
      await worker.ready;
    } catch (err) {
      await worker.close();
      throw err;
    }
    return worker;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async transcribe(audio: Float32Array): Promise<Transcript> {
    await this.ready;
    const result = await this.request({ seq: ++this.seq, type: 'transcribe', payload: { audio } });
    const parsed = Transcript.safeParse(result);
    if (!parsed.success) throw new SpeechWorkerError(`speech worker sent a malformed transcript: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  async close(): Promise<void> {
    this.closed = true;
    const child = this.child;
    this.child = null;
    for (const p of this.pending.values()) p.reject(new SpeechWorkerError('speech worker closed'));
    this.pending.clear();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.disconnect?.();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      await exited;
      clearTimeout(timer);
    }
  }

  private async spawnAndLoad(): Promise<void> {
    const { entry, execArgv } = workerEntry();
    const child = fork(entry, [], {
      execArgv,
      serialization: 'advanced', // Float32Array audio crosses as a typed array, not JSON
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    child.on('message', (raw) => this.onReply(raw));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    const { maxRestarts: _m, restartWindowMs: _w, onRestart: _r, ...load } = this.options;
    // Loaded on the fresh child before anything else; requests waiting for a restart follow it.
    const loading = this.request({ seq: ++this.seq, type: 'load', payload: load }, true);
    for (const p of this.pending.values()) if (p.request.type !== 'load') child.send(p.request);
    await loading;
  }

  private request(request: WorkerRequest, front = false): Promise<unknown> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new SpeechWorkerError('speech worker closed'));
    return new Promise((resolve, reject) => {
      const entry: Pending = { request, crashes: 0, resolve, reject };
      if (front) {
        const rest = [...this.pending.entries()];
        this.pending.clear();
        this.pending.set(request.seq, entry);
        for (const [k, v] of rest) this.pending.set(k, v);
      } else {
        this.pending.set(request.seq, entry);
      }
      this.child?.send(request);
    });
  }

  private onReply(raw: unknown): void {
    const parsed = WorkerReply.safeParse(raw);
    if (!parsed.success) return; // not ours to answer; the request stays pending until exit/close
    const reply = parsed.data;
    const entry = this.pending.get(reply.seq);
    if (!entry) return;
    this.pending.delete(reply.seq);
    if (reply.ok) {
      entry.resolve(reply.result);
    } else if (reply.error.name === 'ModelMissingError') {
      entry.reject(new ModelMissingError(this.options.name, this.options.modelsDir));
    } else {
      entry.reject(new SpeechWorkerError(`speech worker: ${reply.error.message}`, reply.error));
    }
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.closed || child !== this.child) return;
    this.child = null;
    const now = Date.now();
    const windowMs = this.options.restartWindowMs ?? 60_000;
    this.restartTimes = [...this.restartTimes.filter((t) => now - t < windowMs), now];
    const head = this.pending.values().next().value as Pending | undefined;
    if (head) head.crashes += 1;
    const why = `speech worker exited (${signal ?? `code ${code}`})`;
    if (this.restartTimes.length > (this.options.maxRestarts ?? 3)) {
      this.broken = new SpeechWorkerError(`${why} ${this.restartTimes.length} times within ${windowMs / 1000} s; speech recognition is off until restarted`);
      for (const p of this.pending.values()) p.reject(this.broken);
      this.pending.clear();
      return;
    }
    // The request that was running when the worker died gets one more try, not endless ones.
    if (head && head.crashes >= 2) {
      this.pending.delete(head.request.seq);
      head.reject(new SpeechWorkerError(`${why} twice while transcribing this utterance; skipped`));
    }
    // A pending 'load' belongs to the dead child; the new child gets a fresh one.
    for (const [seq, p] of this.pending) {
      if (p.request.type === 'load') {
        this.pending.delete(seq);
        p.reject(new SpeechWorkerError(`${why} while loading the model`));
      }
    }
    this.options.onRestart?.({ exitCode: code, signal, restarts: this.restartTimes.length });
    this.ready = this.spawnAndLoad();
    this.ready.catch(() => undefined);
  }
}
