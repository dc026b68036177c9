// mine.html: the agent's own moments and the team sync state (desktop only).
import { createRoot } from 'react-dom/client';
import '../views/shared/theme.css';
import './mine.css';
import { desktopAuthorization } from './mine-api.ts';
import { MineApp } from './MineApp.tsx';

createRoot(document.getElementById('root')!).render(<MineApp auth={desktopAuthorization(location.hash)} />);
