// What `serve` says and hears about pairing: the code and QR link (on the LAN address only while
// the network listener is open, saying which network a tablet must be on; otherwise on this
// machine's own address, saying so), the agent's answers typed in the terminal, and the "new
// code" request the desktop app sends its embedded engine.
import { createInterface } from 'node:readline';
import { pairingUrl, qrForTerminal } from '../pairing/link.ts';
import type { SessionServer } from '../session/server.ts';
import { describeNetwork } from './serve-network.ts';
import { NEW_PAIRING_CODE } from '../contracts/engine-commands.ts';

export interface PairingOrigins {
  /** http://127.0.0.1:PORT */
  local: string;
  /** http://LAN-IP:PORT, or null when tablets cannot reach this machine (--local, no network). */
  lan: string | null;
}

/** Makes a pairing code and prints it with the link and QR code for the network that is open now. */
export async function showPairing(server: SessionServer, origins: PairingOrigins): Promise<void> {
  const { offer } = server.createPairing(origins.local); // opens the network listener, if there is one to open
  await server.lanSettled();
  const onLan = origins.lan !== null && server.lanOpen;
  const origin = onLan ? origins.lan! : origins.local;
  const url = pairingUrl(origin, offer.code);
  if (onLan) {
    console.log(`\nPair a tablet or phone on the same network as this computer (${describeNetwork(new URL(origin).hostname)}); code valid 2 minutes, one device:`);
  } else {
    console.log(`\nPair a tablet or phone: the network is not open (${origins.lan === null ? '--local, or no network address found' : 'the network address could not be opened'}), so this link works on this computer only; code valid 2 minutes, one device:`);
  }
  console.log(`  scan the QR code, or open ${origin}/tablet.html and type ${offer.code}\n`);
  console.log(await qrForTerminal(url));
  console.log(`  ${url}`);
  console.log('\nType c + Enter for a new code, l for the device list, r N to revoke device N, q to stop.');
}

/** Says when the network listener opens or closes. */
export function reportNetwork(server: SessionServer): void {
  server.on('lan', ({ open, host, error }) => {
    if (error) console.error(`network: cannot open ${host} (${error}); only this computer can connect`);
    else if (open) console.log(`network: open on ${describeNetwork(host)} (while a pairing code is valid or a tablet is paired)`);
    else console.log('network: closed (no pairing code valid, no tablet paired): only this computer can connect; type c for a new code');
  });
}

/**
 * Says when a device asks to pair (with the six digits its screen must show), and how the request
 * ended, whoever answered it: j/n here, "Ja, accepteren" on the overlay, or the approval timeout.
 */
export function reportPairingRequests(server: SessionServer): void {
  const waiting = new Map<string, string>();
  server.on('pair:request', (d) => {
    waiting.set(d.deviceId, d.name);
    console.log(`\n>> "${d.name}" wants to pair. Its screen must show the code ${d.confirmCode ?? '(none)'}.`);
    console.log('   Type j (accept) only if it does and you hold the device, n (refuse) otherwise, then Enter.');
  });
  server.on('devices', (devices) => {
    for (const [deviceId, name] of waiting) {
      const now = devices.find((d) => d.deviceId === deviceId);
      if (now?.status === 'pending') continue;
      waiting.delete(deviceId);
      console.log(now ? `Paired "${name}".` : `"${name}" is not paired (refused, or not answered in time).`);
    }
  });
}

/** One terminal command: j/n (answer a pairing request), c (new code), l, r N, q. */
function runCommand(server: SessionServer, origins: PairingOrigins, quit: () => void, line: string): void {
  const [cmd, arg] = line.trim().toLowerCase().split(/\s+/);
  const devices = server.listDevices().filter((d) => d.role === 'viewer');
  const pending = devices.find((d) => d.status === 'pending');
  // reportPairingRequests says how the request ended.
  if ((cmd === 'j' || cmd === 'y') && pending) {
    server.acceptDevice(pending.deviceId);
  } else if (cmd === 'n' && pending) {
    server.refuseDevice(pending.deviceId);
  } else if (cmd === 'c') {
    void showPairing(server, origins);
  } else if (cmd === 'l') {
    if (devices.length === 0) console.log('No devices.');
    devices.forEach((d, i) => console.log(`  ${i + 1}. ${d.name}  ${d.status}${d.connected ? ', connected' : ''}`));
  } else if (cmd === 'r') {
    const d = devices[Number(arg) - 1];
    if (d && server.revokeDevice(d.deviceId)) console.log(`Revoked "${d.name}": it is cut off and must pair again.`);
    else console.log('No such device; type l for the list.');
  } else if (cmd === 'q') {
    quit();
  } else if (cmd) {
    console.log('Commands: j/n (answer a pairing request), c (new code), l (devices), r N (revoke), q (stop).');
  }
}

/** Commands typed in the terminal (when there is one). */
export function terminalCommands(server: SessionServer, origins: PairingOrigins, quit: () => void): { close(): void } {
  if (!process.stdin.isTTY && process.env.KLACHTCOACH_STDIN_COMMANDS !== '1') return { close() {} };
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => runCommand(server, origins, quit, line));
  return { close: () => rl.close() };
}

interface MessagePort {
  on(event: 'message', listener: (message: unknown) => void): void;
  off(event: 'message', listener: (message: unknown) => void): void;
}

/**
 * Requests from the desktop app that started this engine: Electron's utilityProcess delivers them
 * on `process.parentPort` (as `{ data }`), a Node fork on the IPC channel. Only "new pairing
 * code" is understood; accepting a device is the agent's choice on the overlay.
 */
export function embeddedCommands(server: SessionServer, origins: PairingOrigins): { close(): void } {
  const electronPort = (process as { parentPort?: MessagePort }).parentPort;
  const port: MessagePort | undefined = electronPort ?? (process.send ? (process as unknown as MessagePort) : undefined);
  if (!port) return { close() {} };
  const listener = (message: unknown): void => {
    const data = electronPort ? (message as { data?: unknown }).data : message;
    if ((data as { command?: unknown } | null)?.command === NEW_PAIRING_CODE.command) void showPairing(server, origins);
  };
  port.on('message', listener);
  // A Node IPC channel would otherwise keep this process alive after serve ends.
  (process as { channel?: { unref(): void } }).channel?.unref();
  return { close: () => port.off('message', listener) };
}
