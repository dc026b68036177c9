// Entry point of the speech worker child process: holds the one onnxruntime instance and
// answers requests one at a time, in order. Started by speech-worker.ts; not for direct use.
import { WhisperRecogniser } from './whisper-recogniser.ts';
import { WorkerRequest, type WorkerReply } from './worker-protocol.ts';

let recogniser: WhisperRecogniser | null = null;
let queue: Promise<void> = Promise.resolve();

function reply(message: WorkerReply): void {
  process.send?.(message);
}

function failure(seq: number, err: unknown): WorkerReply {
  const e = err instanceof Error ? err : new Error(String(err));
  return { seq, ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
}

async function handle(raw: unknown): Promise<void> {
  const parsed = WorkerRequest.safeParse(raw);
  if (!parsed.success) {
    const seq = typeof (raw as { seq?: unknown })?.seq === 'number' ? (raw as { seq: number }).seq : -1;
    reply(failure(seq, new TypeError(`malformed request to speech worker: ${parsed.error.issues[0]?.message}`)));
    return;
  }
  const request = parsed.data;
  try {
    if (request.type === 'load') {
      await recogniser?.dispose();
      recogniser = await WhisperRecogniser.load(request.payload);
      reply({ seq: request.seq, ok: true, result: { loaded: request.payload.name } });
    } else {
      if (!recogniser) throw new Error('speech worker: transcribe before load');
      reply({ seq: request.seq, ok: true, result: await recogniser.transcribe(request.payload.audio) });
    }
  } catch (err) {
    reply(failure(request.seq, err));
  }
}

process.on('message', (raw) => {
  // Sequential on purpose: one utterance at a time keeps latency predictable and memory flat.
  queue = queue.then(() => handle(raw));
});
// The parent going away (crash, Ctrl-C) closes the IPC channel: leave instead of lingering.
process.on('disconnect', () => process.exit(0));
