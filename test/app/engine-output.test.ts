import { describe, expect, it } from 'vitest';
import { EngineOutput, redactSecrets } from '../../main/app/engine/engine-output.ts';

// The shape `klachtcoach serve` prints (main/cli/serve.ts), with made-up credentials.
const SERVE_OUTPUT = [
  'Klachtcoach live session on http://192.168.1.20:43099',
  '',
  'Overlay (this machine only):',
  '  http://127.0.0.1:43099/overlay.html#desktop=pTjdfUo6Krl07zAA.b0Pn2zeaqOqFiiw9HmdUWMpfkYfXWY-s7Gni_cbd6Cc',
  'Capture page (this machine only):',
  '  http://127.0.0.1:43099/capture.html#desktop=Q1w2E3r4T5y6U7i8.abcDEF_ghi-JKL',
  '',
  'Pair a tablet or phone (code valid 2 minutes, one device):',
  '  scan the QR code, or open http://192.168.1.20:43099/tablet.html and type A3639-3Q6TG-AGF4H-11TAQ-S7AXF',
  '',
  '█▀▀▀█ qr █▀▀▀█',
  '  http://192.168.1.20:43099/tablet.html#pair=A3639-3Q6TG-AGF4H-11TAQ-S7AXF',
  '',
].join('\n');

describe('engine output', () => {
  it('finds the desktop links of overlay and capture, and the pairing offer', () => {
    const out = new EngineOutput();
    expect(out.push(SERVE_OUTPUT)).toBe(true);
    expect(out.desktopLinks).toEqual({
      overlay: 'http://127.0.0.1:43099/overlay.html#desktop=pTjdfUo6Krl07zAA.b0Pn2zeaqOqFiiw9HmdUWMpfkYfXWY-s7Gni_cbd6Cc',
      capture: 'http://127.0.0.1:43099/capture.html#desktop=Q1w2E3r4T5y6U7i8.abcDEF_ghi-JKL',
    });
    expect(out.pairing).toEqual({ url: 'http://192.168.1.20:43099/tablet.html#pair=A3639-3Q6TG-AGF4H-11TAQ-S7AXF', code: 'A3639-3Q6TG-AGF4H-11TAQ-S7AXF' });
  });

  it('handles output split anywhere between chunks', () => {
    const out = new EngineOutput();
    for (let i = 0; i < SERVE_OUTPUT.length; i += 7) out.push(SERVE_OUTPUT.slice(i, i + 7));
    expect(Object.keys(out.desktopLinks).sort()).toEqual(['capture', 'overlay']);
    expect(out.pairing?.code).toBe('A3639-3Q6TG-AGF4H-11TAQ-S7AXF');
  });

  it('ignores links on other hosts (only this machine may hold desktop credentials)', () => {
    const out = new EngineOutput();
    out.push('  http://192.168.1.20:43099/overlay.html#desktop=abc.def\n');
    expect(out.desktopLinks).toEqual({});
  });

  it('redacts every credential before a line reaches the log', () => {
    const redacted = SERVE_OUTPUT.split('\n').map(redactSecrets).join('\n');
    expect(redacted).not.toMatch(/pTjdfUo6|b0Pn2zea|Q1w2E3r4|A3639-3Q6TG/);
    expect(redacted).toContain('http://127.0.0.1:43099/overlay.html#…');
    expect(redacted).toContain('[pairing code]');
  });
});

describe('pairing dialog text', async () => {
  const { pairingText } = await import('../../main/app/tray/pairing-text.ts');

  it('gives the page to open (without the secret fragment) and the code to type', () => {
    const text = pairingText({ url: 'http://192.168.1.20:43099/tablet.html#pair=A3639-3Q6TG', code: 'A3639-3Q6TG' });
    expect(text.detail).toContain('http://192.168.1.20:43099/tablet.html op de tablet');
    expect(text.detail).not.toContain('#pair=');
    expect(text.detail).toContain('A3639-3Q6TG');
    expect(text.detail).toMatch(/alleen tips/);
  });

  it('says so when there is no code yet', () => {
    expect(pairingText(null).message).toMatch(/nog geen koppelcode/);
  });

  it('shows no QR code for a link on this machine only, and says the computer is not on a network', () => {
    const text = pairingText({ url: 'http://127.0.0.1:43099/tablet.html#pair=A3639-3Q6TG', code: 'A3639-3Q6TG' });
    expect(text.showQr).toBe(false);
    expect(text.message).toMatch(/niet op een netwerk/);
    expect(pairingText({ url: 'http://192.168.1.20:43099/tablet.html#pair=A3639-3Q6TG', code: 'A3639-3Q6TG' }).showQr).toBe(true);
  });
});
