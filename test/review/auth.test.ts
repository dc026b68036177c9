// The sign-in building blocks on their own: the KDF string, session expiry and the limiter, each
// with an injected clock.
import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../main/review/password.ts';
import { SessionStore } from '../../main/review/sessions.ts';
import { SignInLimiter } from '../../main/review/sign-in-limiter.ts';

const FAST = { logN: 12, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scrypt with its parameters and a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('correct paard batterij', FAST);
    const b = await hashPassword('correct paard batterij', FAST);
    expect(a).toMatch(/^scrypt\$12\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    await expect(verifyPassword('correct paard batterij', a)).resolves.toBe(true);
    await expect(verifyPassword('correct paard batterij ', a)).resolves.toBe(false);
  });

  it('never matches a malformed or tampered hash', async () => {
    const good = await hashPassword('correct paard batterij', FAST);
    for (const bad of ['', 'plain', good.replace('scrypt', 'md5'), good.replace('$12$', '$40$'), good.slice(0, -8)]) {
      await expect(verifyPassword('correct paard batterij', bad)).resolves.toBe(false);
    }
  });

  it('asks for at least 10 characters', () => {
    expect(checkPasswordStrength('kort')).toMatch(/at least 10/);
    expect(checkPasswordStrength('lang genoeg wachtwoord')).toBeNull();
  });
});

describe('sessions', () => {
  it('expire after the idle time and after the maximum age, even when in use', () => {
    const clock = { ms: 0 };
    const sessions = new SessionStore({ now: () => clock.ms, idleMs: 1000, maxAgeMs: 5000 });
    const s = sessions.create('sanne');
    expect(s.token).not.toBe(s.csrfToken);
    for (let i = 0; i < 4; i++) {
      clock.ms += 900;
      expect(sessions.touch(s.token)?.username).toBe('sanne');
    }
    clock.ms += 1500; // 5.1 s after sign-in
    expect(sessions.touch(s.token)).toBeUndefined();
    const t = sessions.create('sanne');
    clock.ms += 1001;
    expect(sessions.touch(t.token)).toBeUndefined();
    expect(sessions.touch(undefined)).toBeUndefined();
    expect(sessions.touch('made-up')).toBeUndefined();
  });
});

describe('sign-in limiter', () => {
  it('blocks a name after N failures until the first leaves the window; success clears the name', () => {
    const clock = { ms: 0 };
    const limiter = new SignInLimiter({ now: () => clock.ms, maxFailures: 2, maxFailuresPerAddress: 10, windowMs: 60_000 });
    limiter.recordFailure('Sanne', '10.0.0.1');
    clock.ms += 10_000;
    limiter.recordFailure('sanne', '10.0.0.2');
    expect(limiter.retryAfterMs('SANNE', '10.0.0.3')).toBe(50_000); // names are case-insensitive
    clock.ms += 50_000;
    expect(limiter.retryAfterMs('sanne', '10.0.0.3')).toBe(0);
    limiter.recordFailure('sanne', '10.0.0.3');
    limiter.recordSuccess('sanne');
    expect(limiter.retryAfterMs('sanne', '10.0.0.9')).toBe(0);
  });
});
