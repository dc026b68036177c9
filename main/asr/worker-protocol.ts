// Messages between the engine and the speech worker process, as envelopes:
// requests {seq, type, payload}, replies {seq, ok, result | error}. Both sides validate what
// they receive, since a crashed or confused peer can send anything.
import { z } from 'zod';
import { Transcript } from './transcript.ts';

export const LoadPayload = z.object({
  modelsDir: z.string().min(1),
  name: z.string().min(1),
  threads: z.number().int().positive().optional(),
});
export type LoadPayload = z.infer<typeof LoadPayload>;

export const WorkerRequest = z.discriminatedUnion('type', [
  z.object({ seq: z.number().int(), type: z.literal('load'), payload: LoadPayload }),
  z.object({ seq: z.number().int(), type: z.literal('transcribe'), payload: z.object({ audio: z.custom<Float32Array>((v) => v instanceof Float32Array, 'audio must be a Float32Array of 16 kHz samples') }) }),
]);
export type WorkerRequest = z.infer<typeof WorkerRequest>;

export const WorkerErrorInfo = z.object({ name: z.string(), message: z.string(), stack: z.string().optional() });
export type WorkerErrorInfo = z.infer<typeof WorkerErrorInfo>;

export const WorkerReply = z.union([
  z.object({ seq: z.number().int(), ok: z.literal(true), result: z.union([Transcript, z.object({ loaded: z.string() })]) }),
  z.object({ seq: z.number().int(), ok: z.literal(false), error: WorkerErrorInfo }),
]);
export type WorkerReply = z.infer<typeof WorkerReply>;
