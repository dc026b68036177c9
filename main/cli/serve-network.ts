// Which network `serve` opens to, and how it says so. By default the engine listens on this
// machine only, and opens a listener on the LAN address just while a pairing code is valid or a
// tablet is paired (issue 15: nobody on the network reaches an engine that has no tablet).
// `--host IP` opens that address for as long as serve runs (0.0.0.0: every interface);
// `--local` never opens the network.
import type { SessionServerOptions } from '../session/server.ts';
import { firstLanAddress, isWildcardHost, lanAddresses, namesForBindHost } from '../session/network.ts';

export interface ServeNetwork {
  /** The address tablets use; null = this machine only. */
  lanHost: string | null;
  /** Open all the time (--host), rather than only while pairing or paired. */
  always: boolean;
  /** Bind every interface (--host 0.0.0.0). */
  wildcard: boolean;
}

/** From --local / --host; a machine without a network address is "this machine only". */
export function serveNetwork(local: boolean, host: string | undefined): ServeNetwork {
  if (local) return { lanHost: null, always: false, wildcard: false };
  if (host !== undefined && isWildcardHost(host)) return { lanHost: firstLanAddress()?.address ?? null, always: true, wildcard: true };
  if (host !== undefined) return { lanHost: host, always: true, wildcard: false };
  return { lanHost: firstLanAddress()?.address ?? null, always: false, wildcard: false };
}

/** The session server's listening options for this network choice. */
export function sessionServerNetwork(net: ServeNetwork): Pick<SessionServerOptions, 'bindHost' | 'lan' | 'hostNames'> {
  if (net.wildcard) return { bindHost: '0.0.0.0', hostNames: namesForBindHost('0.0.0.0') };
  if (!net.lanHost) return { bindHost: '127.0.0.1', hostNames: [] };
  return { bindHost: '127.0.0.1', lan: { host: net.lanHost, when: net.always ? 'always' : 'while-pairing' } };
}

/** "192.168.1.23 on wlan0, network 192.168.1.0/24": what a tablet must be on to reach us. */
export function describeNetwork(host: string): string {
  const known = lanAddresses().find((a) => a.address === host);
  return known ? `${known.address} on ${known.interfaceName}, network ${known.network}` : host;
}
