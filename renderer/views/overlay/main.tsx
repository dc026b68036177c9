// overlay.html: the small always-on-top card on the agent's desktop.
import { createRoot } from 'react-dom/client';
import '../shared/theme.css';
import './overlay.css';
import { initialLang } from '../i18n/strings.ts';
import { savedLang } from '../shared/LangSwitch.tsx';
import { openSessionClient } from '../shared/open-client.ts';
import type { CoachWindow } from '../../../main/contracts/ipc.ts';
import { createOverlayStore, connectAppBridge, connectOverlayStore } from './overlay-store.ts';
import { OverlayApp } from './OverlayApp.tsx';

const store = createOverlayStore(initialLang(location.search, savedLang()));
const client = openSessionClient('desktop');
connectOverlayStore(store, client);
// Inside the desktop app the preload gives `window.coach`; pause then goes through the app.
const coach = (window as Window & CoachWindow).coach;
if (coach) connectAppBridge(store, client, coach);
createRoot(document.getElementById('root')!).render(<OverlayApp store={store} client={client} {...(coach ? { coach } : {})} />);
client.connect();
