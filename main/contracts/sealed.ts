// End-to-end sealing for everything the session server sends a paired device, and the pairing
// code both ends derive their secrets from. Runs unchanged in Node and in the browser:
// `crypto.subtle` is missing on plain-HTTP LAN pages (research/security.md §2), so this uses the
// audited pure-JS XChaCha20-Poly1305 from @noble/ciphers and only needs `crypto.getRandomValues`.
//
// XChaCha's 24-byte nonce is drawn at random per message; at that size random nonces are safe for
// far more messages than a call produces. The AAD binds each box to its purpose, device and seq,
// so a captured box cannot be replayed at another position or as a handshake proof.
//
// Protection is against a passive listener on the LAN. An active attacker who can rewrite the
// plain-HTTP page can steal the key (documented limit; see research/security.md §2, option A).
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
const TAG_BYTES = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function randomKey(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

export { randomBytes };

/** Seals `plaintext` (a string, typically JSON) into nonce‖ciphertext‖tag, base64url. */
export function seal(key: Uint8Array, plaintext: string, aad: string): string {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const box = xchacha20poly1305(key, nonce, encoder.encode(aad)).encrypt(encoder.encode(plaintext));
  const out = new Uint8Array(NONCE_BYTES + box.length);
  out.set(nonce, 0);
  out.set(box, NONCE_BYTES);
  return toBase64Url(out);
}

/**
 * Opens a box made by `seal` with the same key and AAD. Returns null for anything that does not
 * authenticate (wrong key, wrong AAD, tampered, truncated, not base64url): callers treat all of
 * these the same way, and an attacker learns nothing from which one it was.
 */
export function open(key: Uint8Array, box: string, aad: string): string | null {
  assertKey(key);
  const bytes = fromBase64Url(box);
  if (!bytes || bytes.length < NONCE_BYTES + TAG_BYTES) return null;
  try {
    const plain = xchacha20poly1305(key, bytes.subarray(0, NONCE_BYTES), encoder.encode(aad)).decrypt(bytes.subarray(NONCE_BYTES));
    return decoder.decode(plain);
  } catch {
    return null;
  }
}

function assertKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) throw new TypeError(`sealed: key must be ${KEY_BYTES} bytes`);
}

// ---------------------------------------------------------------------------------------------
// Pairing code: one secret, two forms (QR link fragment and typed code), as Matter does.
// ---------------------------------------------------------------------------------------------
//
// 25 Crockford base32 characters = 125 random bits, shown as five groups of five. Both the
// one-time token the device shows the server and the key that proves the code are derived from it
// with HKDF, so the server learns nothing from the token that would reveal the key, and the typed
// and scanned forms are exactly equivalent. The device key itself comes from the X25519 exchange
// at pairing (pairing-exchange.ts), salted with the code's key: the code alone does not open it.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_CHARS = 25;

export function newPairingCode(): string {
  const bytes = randomBytes(PAIRING_CODE_CHARS);
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  const chars = Array.from(bytes, (b) => CROCKFORD[b % 32]!).join('');
  return formatPairingCode(chars);
}

function formatPairingCode(chars: string): string {
  return chars.match(/.{1,5}/g)!.join('-');
}

/**
 * Normalises what a person typed or a QR link carried into the canonical code, or explains what
 * is wrong. Accepts lower case, spaces and dashes anywhere, and the look-alikes O→0, I/L→1.
 */
export type PairingCodeTypo = { kind: 'character'; char: string } | { kind: 'length'; got: number; expected: number };

export function normalisePairingCode(input: string): { ok: true; code: string } | { ok: false; error: string; typo: PairingCodeTypo } {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bad = [...cleaned].find((c) => !CROCKFORD.includes(c));
  if (bad !== undefined) return { ok: false, error: `pairing code: "${bad}" is not a code character`, typo: { kind: 'character', char: bad } };
  if (cleaned.length !== PAIRING_CODE_CHARS) {
    return {
      ok: false, error: `pairing code: ${cleaned.length} characters, expected ${PAIRING_CODE_CHARS}`,
      typo: { kind: 'length', got: cleaned.length, expected: PAIRING_CODE_CHARS },
    };
  }
  return { ok: true, code: formatPairingCode(cleaned) };
}

const PAIRING_SALT = encoder.encode('klachtcoach/pairing/v1');

/** The one-time token a device presents to the server (16 bytes, base64url). */
export function pairingTokenFromCode(code: string): string {
  return toBase64Url(hkdf(sha256, encoder.encode(code), PAIRING_SALT, encoder.encode('token'), 16));
}

/** The key that proves knowledge of the code during pairing (32 bytes). Never sent over the network. */
export function pairingKeyFromCode(code: string): Uint8Array {
  return hkdf(sha256, encoder.encode(code), PAIRING_SALT, encoder.encode('key'), KEY_BYTES);
}

// ---------------------------------------------------------------------------------------------
// base64url without padding, without Buffer (the browser has none).
// ---------------------------------------------------------------------------------------------

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]!;
  }
  return out;
}

/** Decodes base64url (no padding); null if it is not valid base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (const c of text) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Equality of two secrets in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
