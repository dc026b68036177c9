// `klachtcoach practice` over HTTP, on this machine only: the built Oefenen page and a small JSON
// API for it. Every request must name this server in its Host (no DNS rebinding) and every POST
// must come from a page this server served (Origin), so no other site can play rounds.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { PRACTICE_API_PATH, StartRoundRequest, TurnRequest } from '../contracts/practice-api.ts';
import { HttpError, readJson, sendJson } from '../review/http-helpers.ts';
import { hostAllowed, originAllowed, type AllowedHosts } from '../session/request-guards.ts';
import { serveStatic } from '../session/static-files.ts';
import { PracticeRounds, UnknownRoundError } from './practice-rounds.ts';

export interface PracticeServerOptions {
  rounds: PracticeRounds;
  staticDir: string;
  port: number;
  log?: (line: string) => void;
}

const ROUND_PATH = new RegExp(`^${PRACTICE_API_PATH}/rounds/([0-9a-f-]{36})/(turn|silence|stop)$`);

async function parseBody<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  const result = schema.safeParse(await readJson(req));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new HttpError(400, `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return result.data;
}

export class PracticeServer {
  private readonly server: Server;
  private allowed: AllowedHosts = { names: new Set(['127.0.0.1', 'localhost']), port: 0 };

  constructor(private readonly options: PracticeServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : err instanceof UnknownRoundError ? 404 : 500;
        if (status === 500) options.log?.(`practice: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) sendJson(res, status, { error: status === 500 ? 'internal error' : (err as Error).message });
        else res.destroy();
      });
    });
  }

  /** Starts listening on 127.0.0.1; resolves with the page's address. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.allowed = { ...this.allowed, port };
    return `http://127.0.0.1:${port}/oefenen.html`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, this.allowed)) throw new HttpError(421, 'unknown host');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(`${PRACTICE_API_PATH}/`)) {
      serveStatic(this.options.staticDir, req, res);
      return;
    }
    const { rounds } = this.options;
    if (req.method === 'GET' && path === `${PRACTICE_API_PATH}/scenarios`) {
      sendJson(res, 200, rounds.scenarios());
      return;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'use POST');
    if (!originAllowed(req.headers.origin, this.allowed)) throw new HttpError(403, 'requests must come from the Oefenen page');
    if (path === `${PRACTICE_API_PATH}/rounds`) {
      const body = await parseBody(req, StartRoundRequest);
      if (!rounds.hasScenario(body.scenarioId)) throw new HttpError(404, `no scenario "${body.scenarioId}"`);
      sendJson(res, 200, rounds.start(body.scenarioId, body.examen));
      return;
    }
    const m = ROUND_PATH.exec(path);
    if (!m) throw new HttpError(404, 'not found');
    const [, roundId, action] = m as unknown as [string, string, 'turn' | 'silence' | 'stop'];
    if (action === 'turn') sendJson(res, 200, rounds.say(roundId, (await parseBody(req, TurnRequest)).text));
    else sendJson(res, 200, action === 'silence' ? rounds.silence(roundId) : rounds.stop(roundId));
  }
}
