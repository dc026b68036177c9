// What `serve` and `demo` say in the terminal about pairing (issue 14, item 6).
// The tablet link and the QR code use the LAN address
// only when the network is open, and the terminal says which network a tablet must be on; when
// it is not open (--local, or the address cannot be opened) the link is this machine's own, and
// the terminal says it works on this computer only.
// The "LAN address" is 127.0.0.2 (all of 127/8 reaches this machine on Linux, and a listener on
// 127.0.0.1 does not answer on it); 192.0.2.1 (TEST-NET-1) is on no interface, so it cannot open.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportPairingRequests, showPairing } from '../../main/cli/serve-terminal.ts';
import type { SessionServer } from '../../main/session/server.ts';
import { nextServerEvent, nodeClient, startServer, tabletPageAnswers, until, waitForStatus } from './helpers.ts';

let server: SessionServer | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = null;
});

/** What showPairing prints, and the link it prints on its own line. */
async function printedPairing(lanHost: string | null): Promise<{ text: string; link: string }> {
  const started = await startServer(lanHost ? { lan: { host: lanHost, when: 'while-pairing' } } : {});
  server = started.server;
  const local = `http://127.0.0.1:${server.port}`;
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
  await showPairing(server, { local, lan: lanHost ? `http://${lanHost}:${server.port}` : null });
  const link = lines.map((l) => l.trim()).find((l) => /^http:\/\/\S+#pair=/.test(l));
  expect(link, lines.join('\n')).toBeDefined();
  return { text: lines.join('\n'), link: link! };
}

describe('the pairing link serve prints', () => {
  it('is on the LAN address once the network is open, naming the network', async () => {
    const { text, link } = await printedPairing('127.0.0.2');
    expect(server!.lanOpen).toBe(true);
    expect(new URL(link).hostname).toBe('127.0.0.2');
    expect(text).toMatch(/on the same network as this computer \(127\.0\.0\.2/);
    expect(text).toContain(`open http://127.0.0.2:${server!.port}/tablet.html and type`);
    // The link works: the page answers on the LAN address while the code is valid.
    expect(await tabletPageAnswers(new URL(link).origin)).toBe(true);
  });

  it('is on this machine, and says so, without a network (--local)', async () => {
    const { text, link } = await printedPairing(null);
    expect(new URL(link).hostname).toBe('127.0.0.1');
    expect(text).toMatch(/the network is not open \(--local, or no network address found\), so this link works on this computer only/);
  });

  it('is on this machine, and says so, when the network address cannot be opened', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { text, link } = await printedPairing('192.0.2.1');
    expect(server!.lanOpen).toBe(false);
    expect(new URL(link).hostname).toBe('127.0.0.1');
    expect(text).toMatch(/the network address could not be opened\), so this link works on this computer only/);
  });
});

describe('a pairing request in the terminal', () => {
  it('shows the six digits, and says how it ended also when the agent answered on the overlay', async () => {
    const started = await startServer();
    server = started.server;
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { lines.push(args.join(' ')); });
    reportPairingRequests(server);
    const tablet = nodeClient(started.origin, started.wsUrl);
    try {
      const requested = nextServerEvent(server, 'pair:request');
      tablet.pair(server.createPairing(started.origin).url);
      const { deviceId } = await requested;
      const confirmCode = server.listDevices().find((d) => d.deviceId === deviceId)?.confirmCode;
      expect(lines.join('\n')).toContain(`"Test tablet" wants to pair. Its screen must show the code ${confirmCode}.`);
      server.acceptDevice(deviceId); // what "Ja, accepteren" on the overlay does
      await waitForStatus(tablet, 'connected');
      await until(() => lines.includes('Paired "Test tablet".'), 2_000, 'the terminal to say it is paired');

      const other = nodeClient(started.origin, started.wsUrl);
      const second = nextServerEvent(server, 'pair:request');
      other.pair(server.createPairing(started.origin).url);
      server.refuseDevice((await second).deviceId);
      await until(() => lines.includes('"Test tablet" is not paired (refused, or not answered in time).'), 2_000, 'the refusal');
      other.close();
      expect(lines.filter((l) => l.startsWith('Paired'))).toHaveLength(1);
    } finally {
      tablet.close();
    }
  });
});
