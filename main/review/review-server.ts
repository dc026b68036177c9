// The review screens on their own HTTP(S) server (`klachtcoach review`). Only requests naming
// this server in their Host header are answered: the loopback names, the address it is bound to
// (every interface address when bound to 0.0.0.0) and the names given with --hostname. Without
// that check a web page could point its own domain at this machine (DNS rebinding) and sign in
// through the visitor's browser.
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CallStore } from '../store/open-store.ts';
import { namesForBindHost } from '../session/network.ts';
import { allowedHosts, type AllowedHosts } from '../session/request-guards.ts';
import { createReviewHandler } from './review-handler.ts';

export interface ReviewServerOptions {
  store: CallStore;
  staticDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  tls: { cert: Buffer; key: Buffer } | null;
  /** DNS names supervisors use to reach this server (e.g. review.example.nl). */
  hostNames?: readonly string[];
}

export interface RunningReviewServer {
  port: number;
  allowed: AllowedHosts;
  close(): Promise<void>;
}

export async function startReviewServer(options: ReviewServerOptions): Promise<RunningReviewServer> {
  let allowed: AllowedHosts = allowedHosts([], -1);
  const handler = createReviewHandler({ store: options.store, staticDir: options.staticDir, secureCookie: options.tls !== null, allowedHosts: () => allowed });
  const server: Server = options.tls
    ? createTlsServer(options.tls, (req, res) => void handler(req, res))
    : createServer((req, res) => void handler(req, res));
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, done);
  });
  const { port } = server.address() as AddressInfo;
  allowed = allowedHosts([...namesForBindHost(options.host), ...(options.hostNames ?? [])], port);
  return {
    port,
    allowed,
    close: () => new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    }),
  };
}
