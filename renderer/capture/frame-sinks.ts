// Where captured frames go. Normally the session client (authenticated desktop socket). For tests
// and local tools a raw WebSocket, allowed to loopback addresses only: a link must never be able
// to send the agent's microphone to another machine.
import { encodeAudioFrame, type AudioFrame } from './protocol.ts';
import type { SessionClient } from '../session-client/types.ts';

export interface FrameSink {
  /** False when the frame was not sent (not connected, or too much audio still queued). */
  send(frame: AudioFrame): boolean;
  close(): void;
}

export function sessionSink(client: SessionClient): FrameSink {
  return { send: (frame) => client.sendAudioFrame(frame), close: () => {} };
}

/** Above this much unsent audio, drop frames rather than fall ever further behind real time. */
const MAX_BUFFERED_BYTES = 256 * 1024;

export function isLoopbackWebSocketUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'ws:' || parsed.protocol === 'wss:')
    && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
}

export function loopbackSocketSink(url: string): FrameSink {
  if (!isLoopbackWebSocketUrl(url)) throw new Error(`capture sink ${url}: only ws://127.0.0.1, ws://localhost or ws://[::1] are allowed`);
  return webSocketSink(new WebSocket(url));
}

/** Frames over an open (or opening) WebSocket: queued until it opens, dropped when it lags. */
export function webSocketSink(ws: WebSocket): FrameSink {
  ws.binaryType = 'arraybuffer';
  const queued: ArrayBuffer[] = [];
  ws.addEventListener('open', () => {
    for (const buf of queued.splice(0)) ws.send(buf);
  });
  return {
    send(frame) {
      const buf = encodeAudioFrame(frame);
      if (ws.readyState === WebSocket.CONNECTING) {
        queued.push(buf);
        return true;
      }
      if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > MAX_BUFFERED_BYTES) return false;
      ws.send(buf);
      return true;
    },
    close: () => ws.close(),
  };
}
