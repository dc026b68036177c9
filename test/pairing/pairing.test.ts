// One-time, expiring pairing offers; the paired-device list and its file; attempt throttling.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairingTokenFromCode, randomKey, toBase64Url } from '../../main/contracts/sealed.ts';
import { AttemptLimiter } from '../../main/pairing/attempt-limiter.ts';
import { cleanDeviceName, DeviceRegistry } from '../../main/pairing/devices.ts';
import { desktopUrl, pairingUrl, qrForTerminal, qrSvg } from '../../main/pairing/link.ts';
import { PairingOffers } from '../../main/pairing/offers.ts';

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

describe('pairing offers', () => {
  it('are good once, before they expire', () => {
    const c = clock();
    const offers = new PairingOffers(c.now, 120_000);
    const offer = offers.create();
    expect(offer.token).toBe(pairingTokenFromCode(offer.code));
    expect(offers.consume(offer.token)).toMatchObject({ ok: true });
    expect(offers.consume(offer.token)).toEqual({ ok: false, reason: 'used' });
    const late = offers.create();
    c.t += 120_000;
    expect(offers.consume(late.token)).toEqual({ ok: false, reason: 'expired' });
    expect(offers.consume('nonsense')).toEqual({ ok: false, reason: 'unknown' });
  });

  it('remembers a used token long enough to call a replay a replay, then forgets it', () => {
    const c = clock();
    const offers = new PairingOffers(c.now, 1_000);
    const offer = offers.create();
    offers.consume(offer.token);
    c.t += 1_500;
    offers.create();
    expect(offers.consume(offer.token)).toEqual({ ok: false, reason: 'used' });
    c.t += 5_000;
    offers.create();
    expect(offers.consume(offer.token)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('can all be withdrawn', () => {
    const offers = new PairingOffers();
    const a = offers.create();
    offers.cancelAll();
    expect(offers.consume(a.token).ok).toBe(false);
  });
});

describe('device registry', () => {
  it('keeps paired tablets across restarts in a file, never pending or desktop ones', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kc-dev-')), 'devices.json');
    const reg = new DeviceRegistry(file);
    const key = randomKey();
    const tablet = reg.addPending('iPad · Safari', 'viewer', key);
    reg.accept(tablet.deviceId);
    reg.addPending('Phone', 'viewer', randomKey());
    reg.addDesktop('Desktop');
    const again = new DeviceRegistry(file);
    const listed = again.list(() => false);
    expect(listed).toEqual([expect.objectContaining({ deviceId: tablet.deviceId, name: 'iPad · Safari', status: 'paired' })]);
    expect(toBase64Url(again.get(tablet.deviceId)!.key)).toBe(toBase64Url(key));
    again.remove(tablet.deviceId);
    expect(JSON.parse(readFileSync(file, 'utf8')).devices).toEqual([]);
  });

  it('names the file and the field when the file is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-dev-'));
    const broken = join(dir, 'a.json');
    writeFileSync(broken, '{"version":1,');
    expect(() => new DeviceRegistry(broken)).toThrow(`${broken}: paired-device list is not readable JSON`);
    const wrong = join(dir, 'b.json');
    writeFileSync(wrong, JSON.stringify({ version: 1, devices: [{ deviceId: 'abcdefgh', name: 'x', role: 'viewer', key: 'short', pairedAtMs: 1 }] }));
    expect(() => new DeviceRegistry(wrong)).toThrow(`${wrong}: devices.0.key:`);
    // The broken file is left as it was: nothing stored is lost.
    expect(readFileSync(broken, 'utf8')).toBe('{"version":1,');
  });

  it('cleans device names before showing them to the agent', () => {
    expect(cleanDeviceName('  iPad\u0000\u202e  Safari  ')).toBe('iPad Safari');
    expect(cleanDeviceName('\u0007')).toBe('Onbekend apparaat');
    expect(cleanDeviceName('x'.repeat(100))).toHaveLength(60);
  });
});

describe('attempt limiter', () => {
  it('allows a burst per address, then refuses until the window passes', () => {
    const c = clock();
    const lim = new AttemptLimiter(3, 60_000, c.now);
    expect([1, 2, 3, 4].map(() => lim.allow('10.0.0.5'))).toEqual([true, true, true, false]);
    expect(lim.allow('10.0.0.6')).toBe(true);
    c.t += 60_000;
    expect(lim.allow('10.0.0.5')).toBe(true);
  });
});

describe('links', () => {
  it('carry secrets only in the fragment', () => {
    const url = new URL(pairingUrl('http://192.168.1.20:8787', 'ABCDE-FGHJK-MNPQR-STVWX-YZ012'));
    expect(url.pathname).toBe('/tablet.html');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#pair=ABCDE-FGHJK-MNPQR-STVWX-YZ012');
    const d = new URL(desktopUrl('http://127.0.0.1:8787', 'dev12345', new Uint8Array(32), 'overlay.html'));
    expect(d.hash).toMatch(/^#desktop=dev12345\.A{43}$/);
  });

  it('draws a QR code for the terminal', async () => {
    const qr = await qrForTerminal('http://192.168.1.20:8787/tablet.html#pair=ABCDE-FGHJK-MNPQR-STVWX-YZ012');
    expect(qr.split('\n').length).toBeGreaterThan(10);
    expect(qr).toMatch(/[█▀▄]/);
  });

  it('draws the same QR code as SVG for a desktop window', async () => {
    const svg = await qrSvg('http://192.168.1.20:8787/tablet.html#pair=ABCDE-FGHJK-MNPQR-STVWX-YZ012');
    expect(svg).toMatch(/^<svg[^>]+viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
  });
});
