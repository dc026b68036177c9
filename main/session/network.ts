// This machine's network addresses: which one a tablet on the same Wi-Fi can reach, and which
// names a server bound to every interface answers to. One place, so `serve`, `review` and the
// session server agree.
import { networkInterfaces } from 'node:os';

export interface LanAddress {
  /** The IPv4 address, e.g. 192.168.1.23. */
  address: string;
  /** The interface's name as the OS gives it (wlan0, en0, "Wi-Fi"). */
  interfaceName: string;
  /** The network in CIDR form, e.g. 192.168.1.0/24: what a tablet must be on to reach us. */
  network: string;
}

/** Every non-internal IPv4 address of this machine, in the OS's order. */
export function lanAddresses(): LanAddress[] {
  const out: LanAddress[] = [];
  for (const [interfaceName, addrs] of Object.entries(networkInterfaces())) {
    for (const a of addrs ?? []) {
      if (a.family === 'IPv4' && !a.internal) out.push({ address: a.address, interfaceName, network: networkOf(a.address, a.netmask) });
    }
  }
  return out;
}

/** The first LAN address (what a tablet on the same Wi-Fi can reach), or null without a network. */
export function firstLanAddress(): LanAddress | null {
  return lanAddresses()[0] ?? null;
}

/** "192.168.1.0/24" for 192.168.1.23 with netmask 255.255.255.0. */
export function networkOf(address: string, netmask: string): string {
  const a = address.split('.').map(Number);
  const m = netmask.split('.').map(Number);
  const prefix = m.reduce((bits, octet) => bits + (octet >>> 0).toString(2).replace(/0/g, '').length, 0);
  return `${a.map((octet, i) => octet & (m[i] ?? 0)).join('.')}/${prefix}`;
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** The Host-header names a server bound to `bindHost` is reached by, besides the loopback names. */
export function namesForBindHost(bindHost: string): string[] {
  if (isWildcardHost(bindHost)) return lanAddresses().map((a) => a.address);
  return [bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost];
}
