// Issue 15, item 1: guesses sent at once must not all reach the password check. The limiter
// reserves each attempt before the slow scrypt hash runs, per name and per address.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../main/review/sign-in-limiter.ts';
import { startReviewFixture, SUPERVISOR, type ReviewFixture } from '../review/review-fixture.ts';

let f: ReviewFixture;
beforeEach(async () => { f = await startReviewFixture(); });
afterEach(async () => f.close());

const signIn = (username: string, password: string): Promise<Response> =>
  fetch(`${f.url}api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe('review sign-in under parallel guessing', () => {
  it('checks at most the allowed number of 40 guesses sent at once; the rest get 429', async () => {
    // The fixture allows 3 failures per name and 8 per address.
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(SUPERVISOR.username, `fout wachtwoord ${i}`)));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(37);
    expect(replies.find((r) => r.status === 429)!.headers.get('retry-after')).toMatch(/^\d+$/);
    // The name is locked now, even for the right password.
    expect((await signIn(SUPERVISOR.username, SUPERVISOR.password)).status).toBe(429);
  });

  it('counts parallel guesses at many names against the one address', async () => {
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`naam${i}`, 'fout wachtwoord')));
    expect(replies.filter((r) => r.status === 401)).toHaveLength(8);
  });

  it('a right password right after a wrong one still signs in, and is not held against the address', async () => {
    expect((await signIn(SUPERVISOR.username, 'fout wachtwoord')).status).toBe(401);
    for (let i = 0; i < 10; i++) expect((await signIn(SUPERVISOR.username, SUPERVISOR.password)).status).toBe(200);
  });
});

describe('sign-in limiter reservations', () => {
  it('holds a begun attempt as a failure until it succeeds', () => {
    const limiter = new SignInLimiter({ now: () => 0, maxFailures: 2, maxFailuresPerAddress: 3 });
    const a = limiter.begin('sanne', '10.0.0.1');
    const b = limiter.begin('sanne', '10.0.0.1');
    expect(a.ok && b.ok).toBe(true);
    expect(limiter.begin('sanne', '10.0.0.1')).toEqual({ ok: false, retryAfterMs: 15 * 60_000 });
    if (a.ok) a.attempt.succeeded();
    expect(limiter.retryAfterMs('sanne', '10.0.0.1')).toBe(0);
    // b is still counted against the address; a no longer is.
    expect(limiter.begin('x', '10.0.0.1').ok).toBe(true);
    expect(limiter.begin('y', '10.0.0.1').ok).toBe(true);
    expect(limiter.begin('z', '10.0.0.1').ok).toBe(false);
  });
});
