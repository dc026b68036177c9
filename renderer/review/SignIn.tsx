import { useState, type FormEvent } from 'react';
import { signIn, useReview } from './review-store.ts';
import { T } from './text.ts';

export function SignIn() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const busy = useReview((s) => s.busy);
  const error = useReview((s) => s.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn(username, password);
  };
  return (
    <main className="signin">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">{T.signInTitle}</h1>
        <label>
          {T.username}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {T.password}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{T.signIn}</button>
      </form>
    </main>
  );
}
