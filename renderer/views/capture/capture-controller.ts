// Starts and stops the capture graph for the page, and follows the overlay's pause: when the
// session says capture is paused, the audio context is suspended, so no audio is even processed.
// Inside the desktop app the page starts itself (start options in its URL), takes the customer's
// audio from system loopback, and reports both channels' levels to the app for the headset hint.
import type { LevelReport } from '../../../main/contracts/ipc.ts';
import { microphoneConstraints, startCapture, type RunningCapture } from '../../capture/audio-capture.ts';
import { LevelBatcher } from '../../capture/level-batcher.ts';
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
    /** Where paired channel levels go (the app's `coach.reportLevels`); none in a plain browser. */
    private readonly reportLevels?: (report: LevelReport) => void,
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

  /**
   * Starts capture with the picked devices. `loopback` takes the customer's audio from the
   * system (the desktop app answers getDisplayMedia with loopback audio) instead of a picked
   * input device.
   */
  async start(options: { loopback?: boolean } = {}): Promise<void> {
    if (this.store.getState().phase !== 'idle') return;
    const { agentDeviceId, customerDeviceId } = this.store.getState();
    this.store.setState({ phase: 'starting', error: null, stats: {} });
    const opened: MediaStream[] = [];
    try {
      const problems: string[] = [];
      const agent = await this.openMicrophone(agentDeviceId, problems);
      opened.push(agent);
      const customer = options.loopback
        // Without the customer's audio the agent is still coached on their own words and turns,
        // so a refused or missing system audio never stops the microphone.
        ? await this.loopbackAudio().catch((err: unknown) => {
          problems.push(`customer audio: ${describe(err)}; only your microphone is used`);
          return undefined;
        })
        : customerDeviceId ? await this.media.getUserMedia(microphoneConstraints(customerDeviceId)) : undefined;
      if (customer) opened.push(customer);
      const levels = this.reportLevels && customer ? new LevelBatcher() : null;
      this.running = await startCapture({
        streams: { agent, ...(customer ? { customer } : {}) },
        sink: this.makeSink(),
        onStats: (s) => {
          if (s.framesSent % STATS_EVERY_FRAMES === 0 || s.framesDropped > 0) statsArrived(this.store, s.channel, s);
        },
        ...(levels ? {
          onLevel: (channel, seq, rms) => {
            const report = levels.push(channel, seq, rms);
            if (report) this.reportLevels?.(report);
          },
        } : {}),
      });
      const problem = problems.length > 0 ? problems.join('. ') : null;
      this.store.setState({ phase: 'running', error: problem });
      if (problem) console.error(`klachtcoach capture: ${problem}`);
      // Labels are only visible once the page has microphone permission.
      await this.refreshDevices();
    } catch (err) {
      this.running = null;
      // A failed start must not leave a microphone open (the OS shows it as in use).
      for (const stream of opened) stream.getTracks().forEach((t) => t.stop());
      this.store.setState({ phase: 'idle', error: describe(err) });
    }
  }

  /**
   * The chosen microphone, or the system default when it is gone. Device ids are only stable per
   * origin, and the desktop app's engine (the pages' origin) gets a new port each start, so a
   * remembered id can stop matching; an unplugged headset does the same. Coaching on the default
   * microphone, with a note, beats not coaching at all.
   */
  private async openMicrophone(deviceId: string | null, problems: string[]): Promise<MediaStream> {
    try {
      return await this.media.getUserMedia(microphoneConstraints(deviceId));
    } catch (err) {
      const missing = err instanceof DOMException && (err.name === 'OverconstrainedError' || err.name === 'NotFoundError');
      if (deviceId === null || !missing) throw err;
      problems.push('the chosen microphone is not available; the system default is used');
      this.store.setState({ agentDeviceId: null });
      return this.media.getUserMedia(microphoneConstraints(null));
    }
  }

  /**
   * The customer's audio as the system plays it. Chromium only hands out display audio next to a
   * video track, so the video track is stopped and dropped at once: nothing of the screen is
   * ever processed.
   */
  private async loopbackAudio(): Promise<MediaStream> {
    const display = await this.media.getDisplayMedia({ audio: true, video: true }).catch((err: unknown) => {
      if (err instanceof DOMException && err.name === 'NotAllowedError') throw new Error('no permission for the system audio (customer)');
      throw err;
    });
    for (const track of display.getVideoTracks()) {
      track.stop();
      display.removeTrack(track);
    }
    if (display.getAudioTracks().length === 0) {
      throw new Error('the system audio (customer) was not shared: no audio track came with it');
    }
    return display;
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
