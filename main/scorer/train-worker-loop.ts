// A training thread's loop: the packed examples arrive once with the thread; each message is a
// job's example indices, each reply that job's model (its buffers moved, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { trainLinear, type LinearConfig } from './logistic.ts';
import { unpackJob, type PackedExamples } from './train-jobs.ts';

const { packed, featureRows, linear } = workerData as { packed: PackedExamples; featureRows: number; linear: LinearConfig };

parentPort!.on('message', (indices: Int32Array) => {
  const model = trainLinear(unpackJob(packed, indices), featureRows, packed.width, linear);
  parentPort!.postMessage({ weights: model.weights, bias: model.bias }, [model.weights.buffer as ArrayBuffer, model.bias.buffer as ArrayBuffer]);
});
