// Secrets handed out by the server (device tokens, staff tokens, enrolment codes). Only their
// SHA-256 is stored, so a leaked database does not let anyone act as a device or a supervisor.
// 32 random bytes need no slow hash: there is nothing to brute-force.
import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'dev' | 'usr';

export function newToken(kind: TokenKind): string {
  return `${kind}_${randomBytes(32).toString('base64url')}`;
}

/** Short, typeable enrolment code (an agent reads it off the admin's screen): 4 groups of 4. */
export function newEnrolmentCode(): string {
  // Crockford-like alphabet without 0/O/1/I/L so the code survives being read aloud.
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i > 0 && i % 4 === 0) out += '-';
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

/** Normalises what a person typed (case, spaces, dashes) before hashing it. */
export function normaliseEnrolmentCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** Pseudonymous agent id: says nothing about the person. */
export function newAgentPseudonym(): string {
  return `agent-${randomBytes(6).toString('hex')}`;
}
