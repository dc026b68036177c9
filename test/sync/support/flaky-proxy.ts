// A TCP proxy on 127.0.0.1 that cuts connections at random, to test sync over a bad network.
// Each connection gets a fate from a seeded generator, so a failing run can be replayed:
// pass through, cut while the request is on its way, or cut as the reply starts (the server
// has done the work but the desktop never hears so: the case that makes retries send twice).
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface FlakyProxyStats {
  connections: number;
  cutRequests: number;
  cutReplies: number;
}

export interface FlakyProxy {
  port: number;
  stats: FlakyProxyStats;
  /** Probability (0..1) that a connection is cut; half of the cuts hit the request, half the reply. */
  setCutRate(rate: number): void;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded generator; good enough to pick fates reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFlakyProxy(targetPort: number, seed: number, cutRate: number): Promise<FlakyProxy> {
  const random = seededRandom(seed);
  const stats: FlakyProxyStats = { connections: 0, cutRequests: 0, cutReplies: 0 };
  const open = new Set<Socket>();
  let rate = cutRate;

  const server: Server = createServer((client) => {
    stats.connections++;
    const roll = random();
    const fate = roll < rate / 2 ? 'cut-request' : roll < rate ? 'cut-reply' : 'pass';
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const kill = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => { open.delete(client); upstream.destroy(); });
    upstream.on('close', () => { open.delete(upstream); client.destroy(); });
    client.on('error', kill);
    upstream.on('error', kill);

    // Cut the request after a random number of bytes (it may or may not have been complete).
    let budget = fate === 'cut-request' ? Math.floor(random() * 600) : Number.POSITIVE_INFINITY;
    client.on('data', (chunk: Buffer) => {
      if (chunk.length >= budget) {
        upstream.write(chunk.subarray(0, budget));
        stats.cutRequests++;
        kill();
        return;
      }
      budget -= chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (fate === 'cut-reply') {
        stats.cutReplies++;
        kill();
        return;
      }
      client.write(chunk);
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    stats,
    setCutRate(r) {
      rate = r;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
