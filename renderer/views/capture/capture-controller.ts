// Starts and stops the capture graph for the page, and follows the overlay's pause: when the
// session says capture is paused, the audio context is suspended, so no audio is even processed.
import { microphoneConstraints, startCapture, type RunningCapture } from '../../capture/audio-capture.ts';
import type { FrameSink } from '../../capture/frame-sinks.ts';
import type { SessionClient } from '../../session-client/types.ts';
import { devicesFound, statsArrived, type CaptureStore } from './capture-store.ts';

/** Store updates per channel: every 4th frame (about 8 per second) is plenty for a meter. */
const STATS_EVERY_FRAMES = 4;

export class CaptureController {
  private running: RunningCapture | null = null;

  constructor(
    private readonly store: CaptureStore,
    private readonly makeSink: () => FrameSink,
    private readonly media: MediaDevices = navigator.mediaDevices,
  ) {}

  /** Follows `live.capture` from the session (the overlay's pause button). */
  follow(client: SessionClient): () => void {
    return client.on('live', (live) => {
      if (live.capture === 'paused') void this.pause();
      else if (live.capture === 'on') void this.resume();
    });
  }

  async refreshDevices(): Promise<void> {
    const all = await this.media.enumerateDevices();
    devicesFound(
      this.store,
      all
        .filter((d) => d.kind === 'audioinput' && d.deviceId !== '' && d.deviceId !== 'default')
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Microfoon ${i + 1}` })),
    );
  }

  async start(): Promise<void> {
    if (this.store.getState().phase !== 'idle') return;
    const { agentDeviceId, customerDeviceId } = this.store.getState();
    this.store.setState({ phase: 'starting', error: null, stats: {} });
    try {
      const agent = await this.media.getUserMedia(microphoneConstraints(agentDeviceId));
      const customer = customerDeviceId ? await this.media.getUserMedia(microphoneConstraints(customerDeviceId)) : undefined;
      this.running = await startCapture({
        streams: { agent, ...(customer ? { customer } : {}) },
        sink: this.makeSink(),
        onStats: (s) => {
          if (s.framesSent % STATS_EVERY_FRAMES === 0 || s.framesDropped > 0) statsArrived(this.store, s.channel, s);
        },
      });
      this.store.setState({ phase: 'running' });
      // Labels are only visible once the page has microphone permission.
      await this.refreshDevices();
    } catch (err) {
      this.running = null;
      this.store.setState({ phase: 'idle', error: describe(err) });
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    this.store.setState({ phase: 'idle' });
    await running?.stop();
  }

  private async pause(): Promise<void> {
    if (!this.running || this.store.getState().phase !== 'running') return;
    await this.running.pause();
    this.store.setState({ phase: 'paused' });
  }

  private async resume(): Promise<void> {
    if (!this.running || this.store.getState().phase !== 'paused') return;
    await this.running.resume();
    this.store.setState({ phase: 'running' });
  }
}

function describe(err: unknown): string {
  if (err instanceof DOMException) {
    if (err.name === 'NotAllowedError') return 'no permission for the microphone';
    if (err.name === 'NotFoundError' || err.name === 'OverconstrainedError') return 'the chosen audio device is not available';
    return `${err.name}: ${err.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}
