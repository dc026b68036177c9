// firstrun.html: shown on the first start of the desktop app, and as "Instellingen en privacy"
// from the tray (?mode=settings). In a plain browser (no window.coach) the notice and the
// microphone test still work; download and pairing say they need the app.
import { createRoot } from 'react-dom/client';
import type { CoachWindow } from './contracts.ts';
import '../views/shared/theme.css';
import './firstrun.css';
import { connectBridge, createFirstRunStore } from './firstrun-store.ts';
import { FirstRunApp } from './FirstRunApp.tsx';

const coach = (window as Window & CoachWindow).coach;
const mode = new URLSearchParams(location.search).get('mode') === 'settings' ? 'settings' : 'firstrun';
const store = createFirstRunStore(mode, coach !== undefined);
connectBridge(store, coach);
createRoot(document.getElementById('root')!).render(<FirstRunApp store={store} coach={coach} />);
