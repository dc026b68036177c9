// mine.html: the agent's own moments and the team sync state (desktop only).
import { createRoot } from 'react-dom/client';
import '../views/shared/theme.css';
import './mine.css';
import { desktopAuthorization } from './mine-api.ts';
import { MineApp } from './MineApp.tsx';

// As the overlay does: the key leaves the address bar (and history) at once; this tab keeps it in
// sessionStorage so a reload still works, and closing the tab forgets it.
const STORAGE_KEY = 'klachtcoach.mine.auth';
const fromLink = desktopAuthorization(location.hash);
if (fromLink) {
  sessionStorage.setItem(STORAGE_KEY, fromLink);
  history.replaceState(null, '', location.pathname + location.search);
}
const auth = fromLink ?? sessionStorage.getItem(STORAGE_KEY);

createRoot(document.getElementById('root')!).render(<MineApp auth={auth} />);
