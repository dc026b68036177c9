// A stand-in for the Hugging Face hub on 127.0.0.1: serves files of one fake repository at
// /<owner>/<name>/resolve/<revision>/<path>, honours Range requests, answers HEAD with
// X-Linked-Etag (the LFS sha256) for .onnx files, and can cut a connection halfway through
// a file to test resume. Every request is logged so tests can see what was asked.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeHubRequest {
  method: string;
  path: string;
  range: string | null;
}

export interface FakeHub {
  endpoint: string;
  requests: FakeHubRequest[];
  /** Cut the connection after this many bytes the next N times the file is fetched. */
  cutAfter(path: string, bytes: number, times?: number): void;
  close(): Promise<void>;
}

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

export async function startFakeHub(repo: string, revision: string, files: Record<string, Uint8Array>): Promise<FakeHub> {
  const requests: FakeHubRequest[] = [];
  const cuts = new Map<string, { bytes: number; times: number }>();
  const prefix = `/${repo}/resolve/${revision}/`;
  const server: Server = createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    requests.push({ method: req.method ?? '', path: url, range: req.headers.range ?? null });
    const path = url.startsWith(prefix) ? url.slice(prefix.length) : null;
    const body = path === null ? undefined : files[path];
    if (!body) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    const lfs = path!.endsWith('.onnx');
    const headers: Record<string, string> = { 'accept-ranges': 'bytes' };
    if (lfs) headers['x-linked-etag'] = `"${sha256(body)}"`;
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
    const cut = cuts.get(path!);
    if (cut && cut.times > 0) {
      cut.times -= 1;
      // Send part of the file, then drop the socket as a flaky network would.
      res.write(body.subarray(start, start + cut.bytes), () => {
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    res.end(body.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    cutAfter(path, bytes, times = 1) {
      cuts.set(path, { bytes, times });
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
