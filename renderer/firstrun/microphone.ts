// The microphone test of the first-run page: asks for permission (the app allows it only for
// this page and the capture page), lists input devices, and shows a live level so the agent sees
// the right microphone is chosen. Nothing is recorded or sent anywhere; the test stops its
// tracks when done.
import type { FirstRunStore, MicDevice } from './firstrun-store.ts';

interface RunningTest {
  stop(): void;
}

let running: RunningTest | null = null;

async function listInputs(): Promise<MicDevice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((d) => d.kind === 'audioinput' && d.deviceId !== 'default' && d.deviceId !== 'communications')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microfoon ${i + 1}` }));
}

export function stopMicTest(store: FirstRunStore): void {
  running?.stop();
  running = null;
  store.setState((s) => ({ mic: { ...s.mic, testing: false, level: 0 } }));
}

export async function startMicTest(store: FirstRunStore): Promise<void> {
  stopMicTest(store);
  store.setState((s) => ({ mic: { ...s.mic, permission: 'asking', error: null } }));
  const selected = store.getState().mic.selected;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: selected ? { deviceId: { exact: selected } } : true,
      video: false,
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    const denied = name === 'NotAllowedError' || name === 'SecurityError';
    store.setState((s) => ({
      mic: { ...s.mic, permission: denied ? 'denied' : 'error', error: denied ? null : error instanceof Error ? error.message : String(error) },
    }));
    return;
  }
  const devices = await listInputs();
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let frame = 0;
  const tick = (): void => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const v of samples) sum += v * v;
    const rms = Math.sqrt(sum / samples.length);
    // Speech RMS sits around 0.01–0.3; a square-root scale makes quiet speech visible.
    const level = Math.min(1, Math.sqrt(rms / 0.3));
    store.setState((s) => ({ mic: { ...s.mic, level } }));
    frame = requestAnimationFrame(tick);
  };
  tick();
  running = {
    stop() {
      cancelAnimationFrame(frame);
      for (const track of stream.getTracks()) track.stop();
      void context.close();
    },
  };
  store.setState((s) => ({ mic: { ...s.mic, permission: 'granted', devices, testing: true } }));
}
