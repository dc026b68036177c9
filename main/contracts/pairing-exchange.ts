// The key exchange at pairing, run unchanged on the desktop (Node) and on the tablet (browser).
//
// The pairing code alone must not open a tablet's traffic: someone who saw the code on the
// screen, or photographed the QR code, and listens on the Wi-Fi could otherwise read every tip
// for as long as the tablet stays paired. So each side makes a fresh X25519 key pair for this one
// pairing (@noble/curves: audited, pure JS, needs only crypto.getRandomValues, which plain-HTTP
// LAN pages have), and the device key comes from the Diffie-Hellman secret, bound to the code
// and to both public keys:
//
//   key     = HKDF-SHA256(ikm = X25519(own secret, peer public), salt = key from the code,
//                         info = "key" | token | device public | desktop public)
//   confirm = the same HKDF with info "confirm" → six digits, shown on the tablet and on the
//             desktop; the agent accepts only when they match.
//
// A listener who knows the code still lacks the DH secret. Someone who knows the code and sits
// in the middle (answers the tablet and the desktop with keys of their own) ends up with two
// different exchanges, and so with two different six-digit codes: the comparison exposes it.
import { x25519 } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { KEY_BYTES, fromBase64Url, pairingKeyFromCode, toBase64Url } from './sealed.ts';

const encoder = new TextEncoder();
export const EXCHANGE_PUBLIC_KEY_CHARS = 43; // 32 bytes, base64url

export interface ExchangeKeys {
  secretKey: Uint8Array;
  /** base64url, as it travels. */
  publicKey: string;
}

/** A fresh key pair for one pairing; the secret is never stored. */
export function newExchangeKeys(): ExchangeKeys {
  const { secretKey, publicKey } = x25519.keygen();
  return { secretKey, publicKey: toBase64Url(publicKey) };
}

export interface PairingSecrets {
  /** The device key both ends seal with from now on (32 bytes). */
  key: Uint8Array;
  /** Six digits, "123 456", to compare on both screens before accepting. */
  confirmCode: string;
}

export interface ExchangeInput {
  code: string;
  token: string;
  devicePublicKey: string;
  desktopPublicKey: string;
  /** This side's secret key; the peer's public key is the other one of the two above. */
  ownSecretKey: Uint8Array;
  peerPublicKey: string;
}

/** Both sides' secrets from the exchange; null when the peer's public key is not a usable X25519 key. */
export function pairingSecrets(input: ExchangeInput): PairingSecrets | null {
  const peer = fromBase64Url(input.peerPublicKey);
  if (!peer || peer.length !== 32) return null;
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(input.ownSecretKey, peer); // throws on a low-order point
  } catch {
    return null;
  }
  const salt = pairingKeyFromCode(input.code);
  const info = (purpose: string): Uint8Array => encoder.encode(`klachtcoach/pairing/v2/${purpose}|${input.token}|${input.devicePublicKey}|${input.desktopPublicKey}`);
  const key = hkdf(sha256, shared, salt, info('key'), KEY_BYTES);
  const digits = hkdf(sha256, shared, salt, info('confirm'), 4);
  const n = (((digits[0]! << 24) | (digits[1]! << 16) | (digits[2]! << 8) | digits[3]!) >>> 0) % 1_000_000;
  const six = String(n).padStart(6, '0');
  return { key, confirmCode: `${six.slice(0, 3)} ${six.slice(3)}` };
}
