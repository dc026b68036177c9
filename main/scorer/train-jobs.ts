// Several linear models trained at once, one per job (a cross-validation fold, or all lines), over
// up to `workers` threads. A job is a list of example indices; a thread trains on exactly those
// examples in that order, so a model comes out bit for bit the same whichever thread trained it
// and however many there were. The examples go to the threads once, packed into shared memory.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { trainLinear, type Example, type LinearConfig, type LinearModel } from './logistic.ts';

/** Every example's rows, labels and known flags in four flat arrays over shared memory. */
export interface PackedExamples {
  width: number;
  /** Example i's rows are rows[rowStart[i] .. rowStart[i + 1]). */
  rowStart: Int32Array;
  rows: Int32Array;
  labels: Uint8Array;
  known: Uint8Array;
}

export function packExamples(examples: readonly Example[], width: number): PackedExamples {
  const total = examples.reduce((n, ex) => n + ex.rows.length, 0);
  const shared = <T>(make: (buffer: SharedArrayBuffer) => T, bytes: number): T => make(new SharedArrayBuffer(Math.max(bytes, 1)));
  const rowStart = shared((b) => new Int32Array(b, 0, examples.length + 1), 4 * (examples.length + 1));
  const rows = shared((b) => new Int32Array(b, 0, total), 4 * total);
  const labels = shared((b) => new Uint8Array(b, 0, examples.length * width), examples.length * width);
  const known = shared((b) => new Uint8Array(b, 0, examples.length * width), examples.length * width);
  examples.forEach((ex, i) => {
    rows.set(ex.rows, rowStart[i]!);
    rowStart[i + 1] = rowStart[i]! + ex.rows.length;
    labels.set(ex.labels, i * width);
    known.set(ex.known, i * width);
  });
  return { width, rowStart, rows, labels, known };
}

/** The examples of one job, as views into the packed arrays (nothing copied). */
export function unpackJob(packed: PackedExamples, indices: Int32Array): Example[] {
  const { width, rowStart } = packed;
  return Array.from(indices, (i) => ({
    rows: packed.rows.subarray(rowStart[i]!, rowStart[i + 1]!),
    labels: packed.labels.subarray(i * width, (i + 1) * width),
    known: packed.known.subarray(i * width, (i + 1) * width),
  }));
}

export interface TrainJob {
  name: string;
  /** Indices into the examples, in training order. */
  examples: Int32Array;
}

export interface JobsOptions {
  featureRows: number;
  linear: LinearConfig;
  /** Threads to train on; 1 trains in this thread, one job after another. */
  workers: number;
  /** Called as each job finishes (in finishing order, which varies with threads). */
  done?: (job: TrainJob) => void;
}

/** Threads worth starting for `jobs` jobs on this machine. */
export function defaultWorkers(jobs: number): number {
  return Math.max(1, Math.min(jobs, availableParallelism()));
}

/** One model per job, in the jobs' order. */
export async function trainJobs(examples: readonly Example[], width: number, jobs: readonly TrainJob[], opts: JobsOptions): Promise<LinearModel[]> {
  if (opts.workers <= 1 || jobs.length <= 1) {
    return jobs.map((job) => {
      const model = trainLinear(Array.from(job.examples, (i) => examples[i]!), opts.featureRows, width, opts.linear);
      opts.done?.(job);
      return model;
    });
  }
  const packed = packExamples(examples, width);
  const models = new Array<LinearModel>(jobs.length);
  let next = 0;
  const runThread = async (): Promise<void> => {
    // The entry is plain JavaScript that loads TypeScript through tsx: a worker thread does not
    // inherit the loader its parent was started with.
    const worker = new Worker(new URL('./train-worker.mjs', import.meta.url), {
      workerData: { packed, featureRows: opts.featureRows, linear: opts.linear },
    });
    try {
      while (next < jobs.length) {
        const index = next++;
        models[index] = await trainOn(worker, jobs[index]!, width);
        opts.done?.(jobs[index]!);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.workers, jobs.length) }, runThread));
  return models;
}

function trainOn(worker: Worker, job: TrainJob, width: number): Promise<LinearModel> {
  return new Promise((resolve, reject) => {
    const cleanUp = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: { weights: Float32Array; bias: Float64Array }): void => {
      cleanUp();
      resolve({ width, weights: m.weights, bias: m.bias });
    };
    const onError = (err: Error): void => {
      cleanUp();
      reject(new Error(`training ${job.name} in a worker thread failed: ${err.message}`));
    };
    const onExit = (code: number): void => {
      cleanUp();
      reject(new Error(`training ${job.name}: the worker thread stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job.examples);
  });
}
