// capture.html: microphone (and customer audio) -> 16 kHz frames -> the session server.
// `?sink=ws://127.0.0.1:PORT/...` sends frames to a raw loopback WebSocket instead (tests, tools).
// `?autostart=1&mic=ID&loopback=1` is how the desktop app opens it in a hidden window
// (renderer/capture/start-options.ts); with the app's bridge, levels go to the app too.
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import '../tablet/tablet.css';
import '../overlay/overlay.css';
import './capture.css';
import type { CoachWindow } from '../../../main/contracts/ipc.ts';
import { initialLang } from '../i18n/strings.ts';
import { savedLang } from '../shared/LangSwitch.tsx';
import { openSessionClient } from '../shared/open-client.ts';
import { loopbackSocketSink, sessionSink } from '../../capture/frame-sinks.ts';
import { parseCaptureStart } from '../../capture/start-options.ts';
import { createCaptureStore } from './capture-store.ts';
import { CaptureController } from './capture-controller.ts';
import { CaptureApp } from './CaptureApp.tsx';

const store = createCaptureStore(initialLang(location.search, savedLang()));
const client = openSessionClient('desktop');
const sinkUrl = new URLSearchParams(location.search).get('sink');
const coach = (window as Window & CoachWindow).coach;
const controller = new CaptureController(
  store,
  () => (sinkUrl ? loopbackSocketSink(sinkUrl) : sessionSink(client)),
  navigator.mediaDevices,
  coach ? (report) => coach.reportLevels(report) : undefined,
);
controller.follow(client);
createRoot(document.getElementById('root')!).render(<CaptureApp store={store} controller={controller} />);
client.connect();

const start = parseCaptureStart(location.search);
if (!start.ok) {
  // Shown on the page, and in the app's log through the console.
  console.error(`klachtcoach capture: ${start.error}`);
  store.setState({ error: start.error });
} else if (start.options.autostart) {
  store.setState({ agentDeviceId: start.options.micDeviceId });
  void controller.start({ loopback: start.options.loopback });
} else {
  void controller.refreshDevices().catch(() => {});
}
