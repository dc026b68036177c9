// Answering by voice on the Oefenen page: the microphone through the capture page's own audio
// graph (AudioWorklet, 16 kHz 512-sample frames) to the round's voice socket on the practice
// server, which runs the VAD and the recogniser. The server's messages come back as they are.
import { PRACTICE_API_PATH, type VoiceMessage } from '../../../main/contracts/practice-api.ts';
import { microphoneConstraints, startCapture } from '../../capture/audio-capture.ts';
import { webSocketSink } from '../../capture/frame-sinks.ts';

export interface VoiceAnswer {
  stop(): Promise<void>;
}

export async function startVoiceAnswer(roundId: string, onMessage: (m: VoiceMessage) => void, media: MediaDevices = navigator.mediaDevices): Promise<VoiceAnswer> {
  const stream = await media.getUserMedia(microphoneConstraints(null));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}${PRACTICE_API_PATH}/rounds/${roundId}/voice`);
  ws.addEventListener('message', (e) => {
    if (typeof e.data === 'string') onMessage(JSON.parse(e.data) as VoiceMessage);
  });
  try {
    const capture = await startCapture({ streams: { agent: stream }, sink: webSocketSink(ws) });
    return {
      async stop() {
        await capture.stop();
        stream.getTracks().forEach((t) => t.stop());
        ws.close();
      },
    };
  } catch (err) {
    // A failed start must not leave the microphone open.
    stream.getTracks().forEach((t) => t.stop());
    ws.close();
    throw err;
  }
}
