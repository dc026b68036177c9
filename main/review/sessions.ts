// Signed-in supervisor sessions, kept in memory: a restart signs everyone out, which is the safe
// default for a review server. A session ends after `idleMs` without requests or `maxAgeMs` after
// sign-in, whichever comes first. Each session carries its own CSRF token.
import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  username: string;
  csrfToken: string;
  createdAtMs: number;
  lastSeenAtMs: number;
}

export interface SessionOptions {
  now?: () => number;
  idleMs?: number;
  maxAgeMs?: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;
  readonly idleMs: number;
  readonly maxAgeMs: number;

  constructor(options: SessionOptions = {}) {
    this.now = options.now ?? Date.now;
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 8 * 3_600_000;
  }

  create(username: string): Session {
    this.sweep();
    const now = this.now();
    const session: Session = {
      token: randomBytes(32).toString('base64url'),
      username,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAtMs: now,
      lastSeenAtMs: now,
    };
    this.sessions.set(session.token, session);
    return session;
  }

  /** The live session for a token, refreshed; undefined if unknown or expired (and then forgotten). */
  touch(token: string | undefined): Session | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.now();
    if (now - session.lastSeenAtMs > this.idleMs || now - session.createdAtMs > this.maxAgeMs) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastSeenAtMs = now;
    return session;
  }

  end(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, s] of this.sessions) {
      if (now - s.lastSeenAtMs > this.idleMs || now - s.createdAtMs > this.maxAgeMs) this.sessions.delete(token);
    }
  }
}
