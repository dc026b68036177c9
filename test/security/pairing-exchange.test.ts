// Issue 15, item 11: the tablet's key came from the pairing code alone, so anyone who saw the code
// (on the screen, or a photo of the QR code) and listened on the Wi-Fi could read that tablet's
// tips for as long as it stayed paired. Pairing now runs an X25519 exchange bound to the code,
// confirmed by six digits both screens show (issue 14): the code alone no longer opens anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pairingSecrets, newExchangeKeys } from '../../main/contracts/pairing-exchange.ts';
import { parseServerMessage, sealedEventAad } from '../../main/contracts/protocol.ts';
import { open, pairingKeyFromCode, pairingTokenFromCode, toBase64Url } from '../../main/contracts/sealed.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { createSessionClient, memoryCredentials } from '../../renderer/session-client/index.ts';
import type { SessionClient, StatusChange } from '../../renderer/session-client/types.ts';
import { nextEvent, sampleTip, startServer, waitForStatus, wsWithOrigin } from '../session/helpers.ts';

let server: SessionServer;
let origin: string;
let wsUrl: string;
let client: SessionClient;
beforeEach(async () => { ({ server, origin, wsUrl } = await startServer()); });
afterEach(async () => {
  client?.close();
  await server.close();
});

/** A tablet whose every incoming frame is also seen by a listener on the network. */
function tappedTablet(frames: string[]): SessionClient {
  const at = origin;
  class Tapped extends WebSocket {
    constructor(url: string | URL) {
      super(url, { origin: at });
      this.on('message', (data) => frames.push(data.toString()));
      this.on('error', () => undefined); // a browser reports a failed connection only by closing
    }
  }
  return createSessionClient({ url: wsUrl, credentials: memoryCredentials(), deviceName: 'Tablet', WebSocketImpl: Tapped as unknown as typeof globalThis.WebSocket });
}

/** Pairs `client` with a fresh code; returns the code, the desktop's and the tablet's view of the request. */
async function pair(tablet: SessionClient): Promise<{ code: string; desktopCode: string | undefined; tabletCode: string | undefined; deviceId: string }> {
  const { offer, url } = server.createPairing(origin);
  const awaiting = new Promise<StatusChange>((resolve) => {
    const off = tablet.on('status', (s) => { if (s.status === 'awaiting-approval') { off(); resolve(s); } });
  });
  const request = new Promise<{ deviceId: string; confirmCode?: string }>((resolve) => { const off = server.on('pair:request', (d) => { off(); resolve(d); }); });
  tablet.pair(url);
  const [asked, waiting] = await Promise.all([request, awaiting]);
  expect(server.acceptDevice(asked.deviceId)).toBe(true);
  await waitForStatus(tablet, 'connected');
  return { code: offer.code, desktopCode: asked.confirmCode, tabletCode: waiting.confirmCode, deviceId: asked.deviceId };
}

describe('pairing key exchange', () => {
  it("someone who knows the code and hears every frame still cannot open the tablet's tips", async () => {
    const frames: string[] = [];
    client = tappedTablet(frames);
    const { code, deviceId } = await pair(client);
    const seen = nextEvent(client, 'tip');
    server.showTip(sampleTip('geheim-1', { tip: 'Vat samen wat de klant zei.' }));
    expect((await seen).tip).toBe('Vat samen wat de klant zei.'); // the tablet itself reads it

    const sealed = frames.map((f) => parseServerMessage(f)).flatMap((m) => (m.ok && m.value.type === 'sealed:event' ? [m.value] : []));
    expect(sealed.length).toBeGreaterThan(0);
    const codeKey = pairingKeyFromCode(code);
    for (const { seq, box } of sealed) expect(open(codeKey, box, sealedEventAad(deviceId, seq))).toBeNull();
  });

  it('shows the same six digits on the tablet and on the desktop', async () => {
    client = tappedTablet([]);
    const { desktopCode, tabletCode } = await pair(client);
    expect(tabletCode).toMatch(/^\d{3} \d{3}$/);
    expect(desktopCode).toBe(tabletCode);
    // Once accepted the desktop no longer lists a code to compare.
    expect(server.listDevices().every((d) => d.confirmCode === undefined)).toBe(true);
  });

  it('stores a fresh key at every pairing, never the one the code gives', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 2; i++) {
      const credentials = memoryCredentials();
      const tablet = createSessionClient({ url: wsUrl, credentials, deviceName: 'Tablet', WebSocketImpl: wsWithOrigin(origin) });
      const { code } = await pair(tablet);
      const stored = credentials.load()!.key;
      expect(stored).not.toBe(toBase64Url(pairingKeyFromCode(code)));
      keys.push(stored);
      tablet.close();
    }
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('a man in the middle who knows the code ends up with two different six-digit codes', () => {
    const code = 'ABCDE-FGHJK-MNPQR-STVWX-YZ012';
    const token = pairingTokenFromCode(code);
    const [tablet, desktop, middleToTablet, middleToDesktop] = [newExchangeKeys(), newExchangeKeys(), newExchangeKeys(), newExchangeKeys()];
    // The tablet believes middleToTablet is the desktop; the desktop believes middleToDesktop is the tablet.
    const onTablet = pairingSecrets({ code, token, devicePublicKey: tablet.publicKey, desktopPublicKey: middleToTablet.publicKey, ownSecretKey: tablet.secretKey, peerPublicKey: middleToTablet.publicKey })!;
    const onDesktop = pairingSecrets({ code, token, devicePublicKey: middleToDesktop.publicKey, desktopPublicKey: desktop.publicKey, ownSecretKey: desktop.secretKey, peerPublicKey: middleToDesktop.publicKey })!;
    expect(onTablet.confirmCode).not.toBe(onDesktop.confirmCode);
    // Without a middle man both ends agree.
    const a = pairingSecrets({ code, token, devicePublicKey: tablet.publicKey, desktopPublicKey: desktop.publicKey, ownSecretKey: tablet.secretKey, peerPublicKey: desktop.publicKey })!;
    const b = pairingSecrets({ code, token, devicePublicKey: tablet.publicKey, desktopPublicKey: desktop.publicKey, ownSecretKey: desktop.secretKey, peerPublicKey: tablet.publicKey })!;
    expect(Buffer.from(a.key).equals(Buffer.from(b.key))).toBe(true);
    expect(a.confirmCode).toBe(b.confirmCode);
  });

  it('refuses a public key that is not a usable X25519 point', () => {
    const code = 'ABCDE-FGHJK-MNPQR-STVWX-YZ012';
    const own = newExchangeKeys();
    const zero = 'A'.repeat(43);
    expect(pairingSecrets({ code, token: pairingTokenFromCode(code), devicePublicKey: zero, desktopPublicKey: own.publicKey, ownSecretKey: own.secretKey, peerPublicKey: zero })).toBeNull();
  });
});
