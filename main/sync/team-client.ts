// HTTP(S) client for the team server, from the desktop. It sorts every failure into what the
// syncer must do about it: retry later (network, timeout, 5xx, 429), enrol again (401/403), or
// split the batch (400/413: something in it the server refuses).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import { EnrolReply, SyncReply, type SharingPolicy, type SyncItem } from '../team/sync-contract.ts';

export type TeamClientErrorKind = 'transient' | 'unauthorised' | 'refused';

export class TeamClientError extends Error {
  constructor(readonly kind: TeamClientErrorKind, message: string, readonly status?: number) {
    super(message);
    this.name = 'TeamClientError';
  }
}

export interface TeamClientOptions {
  /** e.g. https://team.example.nl:8443 */
  baseUrl: string;
  token?: string;
  /** PEM of the CA (or self-signed certificate) to trust for this server. */
  ca?: string;
  timeoutMs?: number;
}

const MAX_REPLY_BYTES = 8 * 1024 * 1024;

function classify(status: number, message: string): TeamClientError {
  if (status === 401 || status === 403) return new TeamClientError('unauthorised', message, status);
  if (status === 400 || status === 413 || status === 415 || status === 404 || status === 422) return new TeamClientError('refused', message, status);
  return new TeamClientError('transient', message, status);
}

export class TeamClient {
  private readonly base: URL;

  constructor(private readonly options: TeamClientOptions) {
    this.base = new URL(options.baseUrl);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new Error(`team server URL must be http(s): ${options.baseUrl}`);
  }

  async sendBatch(items: readonly SyncItem[]): Promise<SyncReply> {
    return this.call('POST', '/api/sync', SyncReply, { items });
  }

  async policy(): Promise<SharingPolicy> {
    const reply = await this.call('GET', '/api/sync/policy', SyncReply.pick({ policy: true }));
    return reply.policy;
  }

  async enrol(code: string, deviceName: string): Promise<EnrolReply> {
    return this.call('POST', '/api/enrol', EnrolReply, { code, deviceName });
  }

  private call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<T>((resolve, reject) => {
      const req = requestFn(url, { method, headers, ca: this.options.ca, timeout: this.options.timeoutMs ?? 15_000, agent: false }, (res) => {
        readReply(res).then(
          (text) => {
            const status = res.statusCode ?? 0;
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              reject(new TeamClientError('transient', `team server answered ${status} with a body that is not JSON`, status));
              return;
            }
            if (status < 200 || status >= 300) {
              const message = typeof (json as { error?: unknown })?.error === 'string' ? (json as { error: string }).error : `HTTP ${status}`;
              reject(classify(status, `team server: ${message}`));
              return;
            }
            const parsed = schema.safeParse(json);
            if (!parsed.success) reject(new TeamClientError('transient', `team server reply to ${method} ${path} does not match the contract: ${parsed.error.issues[0]?.message ?? ''}`, status));
            else resolve(parsed.data);
          },
          (err: Error) => reject(new TeamClientError('transient', `connection lost while reading the reply: ${err.message}`)),
        );
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', (err) => reject(new TeamClientError('transient', `cannot reach the team server at ${this.base.origin}: ${err.message}`)));
      req.end(payload);
    });
  }
}

async function readReply(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) throw new Error('reply too large');
    chunks.push(chunk);
  }
  if (!res.complete) throw new Error('reply cut off');
  return Buffer.concat(chunks).toString('utf8');
}
