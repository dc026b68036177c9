// Asks the OS for a free loopback port. The engine binds it right after; the tiny race with
// another program is handled by the restart policy (a bind failure is a crash like any other).
import { createServer } from 'node:net';

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('the OS gave no port'));
      });
    });
  });
}

/**
 * `preferred` when it is free (the app keeps its engine on one port between runs, see
 * settings-store.ts `enginePort`), otherwise whatever free port the OS gives.
 */
export function preferredLoopbackPort(preferred: number | null): Promise<number> {
  if (preferred === null) return freeLoopbackPort();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', () => {
      freeLoopbackPort().then(resolve, reject);
    });
    server.listen(preferred, '127.0.0.1', () => {
      server.close(() => resolve(preferred));
    });
  });
}
