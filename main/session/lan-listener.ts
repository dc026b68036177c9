// The session server's door to the network: a second HTTP listener on the LAN address, with the
// same handlers as the loopback one, opened and closed on demand. While it is closed, nothing on
// the network reaches the engine at all (no views, no sockets, no review screens): only this
// machine does. Opening twice or closing twice is harmless; calls are queued in order.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface LanHandlers {
  request: (req: IncomingMessage, res: ServerResponse) => void;
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

export class LanListener {
  private server: Server | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly host: string, private readonly handlers: LanHandlers) {}

  get isOpen(): boolean {
    return this.server !== null;
  }

  /** Listens on host:port; rejects (and stays closed) if the address cannot be bound. */
  open(port: number): Promise<void> {
    return this.enqueue(async () => {
      if (this.server) return;
      const server = createServer({ maxHeaderSize: 8 * 1024, requestTimeout: 10_000, headersTimeout: 10_000 }, this.handlers.request);
      server.on('upgrade', this.handlers.upgrade);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, this.host, () => resolve());
      });
      this.server = server;
    });
  }

  /** Stops listening and cuts the HTTP connections it carried (upgraded sockets are the caller's to drop). */
  close(): Promise<void> {
    return this.enqueue(async () => {
      const server = this.server;
      if (!server) return;
      this.server = null;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    });
  }

  /** Resolves once every open and close asked for so far has finished. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined, () => undefined);
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
