// The AEAD wrapper and the pairing code: what one side seals only the same key and purpose opens.
import { describe, expect, it } from 'vitest';
import {
  constantTimeEqual, fromBase64Url, newPairingCode, normalisePairingCode, open, pairingKeyFromCode, pairingTokenFromCode,
  randomKey, seal, toBase64Url,
} from '../../main/contracts/sealed.ts';

describe('seal/open', () => {
  const key = randomKey();

  it('round-trips text, including non-ASCII', () => {
    const box = seal(key, '{"tip":"Zeg: het spijt me — dat had niet gemogen"}', 'aad');
    expect(open(key, box, 'aad')).toBe('{"tip":"Zeg: het spijt me — dat had niet gemogen"}');
  });

  it('uses a fresh nonce every time', () => {
    expect(seal(key, 'x', 'a')).not.toBe(seal(key, 'x', 'a'));
  });

  it('refuses a wrong key, a wrong AAD, a flipped bit, truncation and garbage', () => {
    const box = seal(key, 'hallo', 'event/1');
    expect(open(randomKey(), box, 'event/1')).toBeNull();
    expect(open(key, box, 'event/2')).toBeNull();
    const bytes = fromBase64Url(box)!;
    for (const at of [0, 30, bytes.length - 1]) {
      const tampered = bytes.slice();
      tampered[at]! ^= 1;
      expect(open(key, toBase64Url(tampered), 'event/1')).toBeNull();
    }
    expect(open(key, box.slice(0, 20), 'event/1')).toBeNull();
    expect(open(key, 'not base64url!', 'event/1')).toBeNull();
    expect(open(key, '', 'event/1')).toBeNull();
  });

  it('rejects a key of the wrong size loudly (a programming error, not input)', () => {
    expect(() => seal(new Uint8Array(16), 'x', 'a')).toThrow(/32 bytes/);
  });
});

describe('base64url', () => {
  it('matches Node for every length up to 40 bytes', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = randomKey().slice(0, Math.min(n, 32));
      const more = n > 32 ? new Uint8Array(n) : bytes;
      expect(toBase64Url(more)).toBe(Buffer.from(more).toString('base64url'));
      expect(Buffer.from(fromBase64Url(toBase64Url(more))!)).toEqual(Buffer.from(more));
    }
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('pairing code', () => {
  it('has 25 characters in five groups and normalises typing slips', () => {
    const code = newPairingCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}$/);
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(normalisePairingCode(typed)).toEqual({ ok: true, code });
    expect(normalisePairingCode('oooo0-iiiii-lllll-00000-11111')).toEqual({ ok: true, code: '00000-11111-11111-00000-11111' });
  });

  it('names what is wrong with a bad code', () => {
    expect(normalisePairingCode('ABCDE-FGHJK')).toEqual({ ok: false, error: 'pairing code: 10 characters, expected 25', typo: { kind: 'length', got: 10, expected: 25 } });
    expect(normalisePairingCode('ABCDE-FGHJK-MNPQR-STVWX-YZ01U')).toEqual({ ok: false, error: 'pairing code: "U" is not a code character', typo: { kind: 'character', char: 'U' } });
  });

  it('derives a token and a key that differ, are stable, and differ per code', () => {
    const a = newPairingCode();
    const b = newPairingCode();
    expect(pairingTokenFromCode(a)).toBe(pairingTokenFromCode(a));
    expect(pairingTokenFromCode(a)).not.toBe(pairingTokenFromCode(b));
    expect(toBase64Url(pairingKeyFromCode(a))).not.toBe(toBase64Url(pairingKeyFromCode(b)));
    expect(toBase64Url(pairingKeyFromCode(a)).startsWith(pairingTokenFromCode(a))).toBe(false);
    expect(pairingKeyFromCode(a)).toHaveLength(32);
  });

  it('compares secrets without short-circuiting on length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
