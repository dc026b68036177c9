// capture.html: microphone (and customer audio) -> 16 kHz frames -> the session server.
// `?sink=ws://127.0.0.1:PORT/...` sends frames to a raw loopback WebSocket instead (tests, tools).
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import '../tablet/tablet.css';
import '../overlay/overlay.css';
import './capture.css';
import { initialLang } from '../i18n/strings.ts';
import { savedLang } from '../shared/LangSwitch.tsx';
import { openSessionClient } from '../shared/open-client.ts';
import { loopbackSocketSink, sessionSink } from '../../capture/frame-sinks.ts';
import { createCaptureStore } from './capture-store.ts';
import { CaptureController } from './capture-controller.ts';
import { CaptureApp } from './CaptureApp.tsx';

const store = createCaptureStore(initialLang(location.search, savedLang()));
const client = openSessionClient('desktop');
const sinkUrl = new URLSearchParams(location.search).get('sink');
const controller = new CaptureController(store, () => (sinkUrl ? loopbackSocketSink(sinkUrl) : sessionSink(client)));
controller.follow(client);
createRoot(document.getElementById('root')!).render(<CaptureApp store={store} controller={controller} />);
client.connect();
void controller.refreshDevices().catch(() => {});
