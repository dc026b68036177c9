// Stand-ins for the Hugging Face hub and for an internal mirror, on 127.0.0.1.
// - The fake hub serves the files of one fake repository at /<owner>/<name>/resolve/<revision>/<path>,
//   one file set per published revision (so a test can move `main` while a pinned commit stays),
//   answers HEAD with X-Linked-Etag (the LFS sha256) for .onnx files, and can cut a connection
//   halfway through a file to test resume.
// - The static mirror is a plain web server over a folder (no hub headers), as an administrator
//   would serve what `models export` wrote.
// Both honour Range requests and log every request so tests can see what was asked.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface FakeHubRequest {
  method: string;
  path: string;
  range: string | null;
}

export interface FileServer {
  endpoint: string;
  requests: FakeHubRequest[];
  close(): Promise<void>;
}

export interface FakeHub extends FileServer {
  /** Cut the connection after this many bytes the next N times the file is fetched. */
  cutAfter(path: string, bytes: number, times?: number): void;
  /** Serve another revision of the repository (e.g. `main` after new weights were pushed). */
  publish(revision: string, files: Record<string, Uint8Array>): void;
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

interface Served {
  body: Uint8Array;
  headers: Record<string, string>;
  /** Bytes to send before dropping the connection, if this request is to be cut. */
  cutAfter?: number;
}

/** Answers one GET/HEAD for `served` with Range support, or cuts it as a flaky network would. */
function answer(req: IncomingMessage, res: ServerResponse, served: Served): void {
  const { body } = served;
  const headers = { 'accept-ranges': 'bytes', ...served.headers };
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end();
    return;
  }
  let start = 0;
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range) {
    start = Number(range[1]);
    if (start >= body.length) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    res.writeHead(206, { ...headers, 'content-length': String(body.length - start), 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
  } else {
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
  }
  if (served.cutAfter !== undefined) {
    res.write(body.subarray(start, start + served.cutAfter), () => {
      setTimeout(() => res.socket?.destroy(), 20);
    });
    return;
  }
  res.end(body.subarray(start));
}

async function startFileServer(lookup: (path: string, method: string) => Served | undefined): Promise<FileServer> {
  const requests: FakeHubRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '');
    requests.push({ method: req.method ?? '', path, range: req.headers.range ?? null });
    const served = lookup(path, req.method ?? '');
    if (!served) res.writeHead(404).end('Entry not found');
    else answer(req, res, served);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function startFakeHub(repo: string, revision: string, files: Record<string, Uint8Array>): Promise<FakeHub> {
  const revisions = new Map<string, Record<string, Uint8Array>>([[revision, files]]);
  const cuts = new Map<string, { bytes: number; times: number }>();
  const resolvePrefix = `/${repo}/resolve/`;
  const server = await startFileServer((url, method) => {
    if (!url.startsWith(resolvePrefix)) return undefined;
    const [rev, ...rest] = url.slice(resolvePrefix.length).split('/');
    const path = rest.join('/');
    const body = revisions.get(rev ?? '')?.[path];
    if (!body) return undefined;
    const headers: Record<string, string> = path.endsWith('.onnx') ? { 'x-linked-etag': `"${sha256(body)}"` } : {};
    const cut = cuts.get(path);
    if (method === 'GET' && cut && cut.times > 0) {
      cut.times -= 1;
      return { body, headers, cutAfter: cut.bytes };
    }
    return { body, headers };
  });
  return {
    ...server,
    cutAfter(path, bytes, times = 1) {
      cuts.set(path, { bytes, times });
    },
    publish(rev, revFiles) {
      revisions.set(rev, revFiles);
    },
  };
}

/** A plain web server over `root`, like an administrator's mirror of an exported folder. */
export function startStaticMirror(root: string): Promise<FileServer> {
  return startFileServer((url) => {
    const file = join(root, normalize(url));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return undefined;
    return { body: readFileSync(file), headers: {} };
  });
}
