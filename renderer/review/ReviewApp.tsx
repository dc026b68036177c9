// The page frame: header with navigation and sign-out, then the screen for the current route.
import { useReview, signOut, routeHash } from './review-store.ts';
import { T } from './text.ts';
import { SignIn } from './SignIn.tsx';
import { CallList } from './CallList.tsx';
import { CallReview } from './CallReview.tsx';
import { TrendsView } from './TrendsView.tsx';

export function ReviewApp() {
  const user = useReview((s) => s.user);
  const route = useReview((s) => s.route);
  const error = useReview((s) => s.error);
  if (user === undefined) return <main className="loading" aria-busy="true" />;
  if (user === null) return <SignIn />;
  return (
    <div className="app">
      <header className="topbar">
        <h1>{T.appTitle}</h1>
        <nav>
          <a href={routeHash({ name: 'list' })} aria-current={route.name !== 'trends' ? 'page' : undefined}>{T.calls}</a>
          <a href={routeHash({ name: 'trends' })} aria-current={route.name === 'trends' ? 'page' : undefined}>{T.trends}</a>
        </nav>
        <span className="user">{user}</span>
        <button type="button" className="link" onClick={() => void signOut()}>{T.signOut}</button>
      </header>
      {error && <p className="error" role="alert">{error}</p>}
      <main>
        {route.name === 'list' && <CallList />}
        {route.name === 'call' && <CallReview />}
        {route.name === 'trends' && <TrendsView />}
      </main>
      <footer className="privacy">{T.privacyNote}</footer>
    </div>
  );
}
