// The team server: HTTP (or HTTPS when given a certificate) in front of the PostgreSQL pool.
// Every request is authenticated by its route's access kind before the handler runs; bodies
// are size-limited JSON validated with zod; errors are JSON with a message naming the problem.
// A purge job enforces retention on a timer, and once at start.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import type { z } from 'zod';
import { authenticate } from './authenticate.ts';
import { HttpError } from './http/http-error.ts';
import { formatZodIssues, Router } from './http/router.ts';
import type { Principal } from './principal.ts';
import { purgeExpired } from './retention.ts';
import { adminRoutes } from './routes/admin.ts';
import { deviceRoutes } from './routes/device.ts';
import { reviewRoutes } from './routes/review.ts';
import { createReviewScreens } from './review-screens.ts';
import { projectPath } from '../project-root.ts';

export interface TeamServerOptions {
  pool: pg.Pool;
  host?: string;
  port?: number;
  /** PEM certificate and key: the server speaks HTTPS only when these are given. */
  tls?: { cert: string; key: string };
  maxBodyBytes?: number;
  /** How often retention is enforced; 0 turns the timer off (tests purge explicitly). */
  purgeIntervalMs?: number;
  log?: (line: string) => void;
  /** The Vite build with review.html (dist/renderer), served under /review/. */
  staticDir?: string;
}

export interface RunningTeamServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 2 * 1024 * 1024;
const DEFAULT_STATIC_DIR = projectPath('dist', 'renderer');

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body over ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function buildRouter(pool: pg.Pool): Router<Principal> {
  const router = new Router<Principal>();
  for (const route of [...deviceRoutes(pool), ...reviewRoutes(pool), ...adminRoutes(pool)]) router.add(route);
  return router;
}

export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const { pool, host = '127.0.0.1', port = 0, tls, maxBodyBytes = DEFAULT_MAX_BODY, purgeIntervalMs = 3_600_000, log = () => undefined } = options;
  const router = buildRouter(pool);
  const reviewScreens = createReviewScreens({ pool, staticDir: options.staticDir ?? DEFAULT_STATIC_DIR, secureCookie: Boolean(tls) });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // The review screens sign in with a session cookie; everything else uses bearer tokens.
      if (url.pathname === '/review' || url.pathname.startsWith('/review/')) return await reviewScreens(req, res, url.pathname);
      const { route, params } = router.match(req.method ?? 'GET', url.pathname);
      const principal = await authenticate(pool, req, route.access);
      const reply = await route.handler({
        principal,
        params,
        query: url.searchParams,
        req,
        async body<T>(schema: z.ZodType<T>): Promise<T> {
          if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'send the body as application/json');
          let json: unknown;
          try {
            json = JSON.parse(await readBody(req, maxBodyBytes));
          } catch (err) {
            if (err instanceof HttpError) throw err;
            throw new HttpError(400, `body is not valid JSON: ${(err as Error).message}`);
          }
          const parsed = schema.safeParse(json);
          if (!parsed.success) throw new HttpError(400, `invalid body: ${formatZodIssues(parsed.error)}`);
          return parsed.data;
        },
      });
      send(res, reply.status, reply.body);
    } catch (err) {
      if (err instanceof HttpError) {
        send(res, err.status, { error: err.message });
        return;
      }
      // Database down or another fault on our side: the desktop will retry; say so plainly.
      log(`team-server: ${req.method} ${req.url}: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 503, { error: 'the team server cannot reach its database right now; try again later' });
      else res.destroy();
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse): void => void handle(req, res);
  const server: Server = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }, listener) : createHttpServer(listener);
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;

  const purge = async (): Promise<void> => {
    try {
      const counts = await purgeExpired(pool);
      log(`team-server: retention purge ${JSON.stringify(counts)}`);
    } catch (err) {
      log(`team-server: retention purge failed, will retry: ${(err as Error).message}`);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  if (purgeIntervalMs > 0) {
    void purge();
    timer = setInterval(() => void purge(), purgeIntervalMs);
    timer.unref();
  }

  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${tls ? 'https' : 'http'}://${hostForUrl}:${address.port}`,
    port: address.port,
    async close() {
      if (timer) clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
