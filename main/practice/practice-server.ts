// `klachtcoach practice` over HTTP, on this machine only: the built Oefenen page and a small JSON
// API for it. Every request must name this server in its Host (no DNS rebinding) and every POST
// must come from a page this server served (Origin), so no other site can play rounds.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { PRACTICE_API_PATH, StartRoundRequest, TurnRequest } from '../contracts/practice-api.ts';
import { HttpError, readJson, sendJson } from '../review/http-helpers.ts';
import { hostAllowed, originAllowed, type AllowedHosts } from '../session/request-guards.ts';
import { securityHeaders, sendFile, serveStatic } from '../session/static-files.ts';
import type { SpeechRecogniser } from '../asr/transcript.ts';
import type { CallVad } from '../vad/vad-model.ts';
import { acceptVoice } from './voice-socket.ts';
import { PracticeRounds, UnknownRoundError } from './practice-rounds.ts';

/** Answering by voice: a recogniser (a speech model is installed) and a fresh VAD per round. */
export interface PracticeVoice {
  recogniser: SpeechRecogniser;
  /** The model's name, shown on the page. */
  model: string;
  vad: () => Promise<CallVad>;
}

export interface PracticeServerOptions {
  rounds: PracticeRounds;
  staticDir: string;
  port: number;
  /** Without it the page offers typing only, and says why. */
  voice?: PracticeVoice;
  log?: (line: string) => void;
}

const ROUND_PATH = new RegExp(`^${PRACTICE_API_PATH}/rounds/([0-9a-f-]{36})/(turn|silence|stop)$`);
const VOICE_PATH = new RegExp(`^${PRACTICE_API_PATH}/rounds/([0-9a-f-]{36})/voice$`);
const RECORDING_PATH = new RegExp(`^${PRACTICE_API_PATH}/scenarios/([a-z][a-z0-9-]*)/lines/([a-z][a-z0-9-]*)$`);

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
  private readonly sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  constructor(private readonly options: PracticeServerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        const status = err instanceof HttpError ? err.status : err instanceof UnknownRoundError ? 404 : 500;
        if (status === 500) options.log?.(`practice: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) sendJson(res, status, { error: status === 500 ? 'internal error' : (err as Error).message });
        else res.destroy();
      });
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const roundId = VOICE_PATH.exec(path)?.[1];
      const refuse = (status: string): void => void socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      if (!hostAllowed(req.headers.host, this.allowed) || !originAllowed(req.headers.origin, this.allowed)) return refuse('403 Forbidden');
      if (!roundId || !options.voice || !options.rounds.has(roundId)) return refuse('404 Not Found');
      this.sockets.handleUpgrade(req, socket, head, (ws) => acceptVoice(ws, roundId, options.rounds, options.voice!, options.log));
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
    for (const ws of this.sockets.clients) ws.terminate();
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
    if (req.method === 'GET' && path === `${PRACTICE_API_PATH}/voice`) {
      sendJson(res, 200, { available: !!this.options.voice, model: this.options.voice?.model ?? null });
      return;
    }
    const recording = RECORDING_PATH.exec(path);
    if (recording && (req.method === 'GET' || req.method === 'HEAD')) {
      const file = rounds.recording(recording[1]!, recording[2]!);
      if (!file) throw new HttpError(404, 'no recording of that line');
      securityHeaders(res);
      sendFile(file, req, res);
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
