import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { ServerOptions } from './context.js';

export interface RunningServer {
  /** http://host:port, as a browser should open it. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Start the server on host:port (port 0: any free port); resolves once it listens. */
export async function startServer(opts: ServerOptions & { port: number }): Promise<RunningServer> {
  const app = createApp(opts);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: opts.host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const s = server as unknown as { close(cb: () => void): void; closeAllConnections?: () => void };
        s.close(() => resolve());
        s.closeAllConnections?.();
      }),
  };
}
