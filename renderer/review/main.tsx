// Entry of the review page: mounts the app and follows the URL hash.
import { createRoot } from 'react-dom/client';
import { ReviewApp } from './ReviewApp.tsx';
import { navigate, parseRoute, reviewStore, start } from './review-store.ts';
import './review.css';

const root = document.getElementById('root');
if (!root) throw new Error('review.html has no #root element');
createRoot(root).render(<ReviewApp />);

window.addEventListener('hashchange', () => {
  if (reviewStore.getState().user) void navigate(parseRoute(window.location.hash));
});
void start(window.location.hash);
