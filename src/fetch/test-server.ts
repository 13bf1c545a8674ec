import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 (port 0) for the fetch, watch and bench code: routes by path, and a
 * log of what was asked, so a test can tell how many requests a page cost and with which headers.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Requests received, in order: path and headers. */
  log: { path: string; headers: IncomingMessage['headers']; at: number }[];
  routes: Map<string, Handler>;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const map = new Map(Object.entries(routes));
  const log: TestServer['log'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    log.push({ path, headers: req.headers, at: Date.now() });
    const h = map.get(path) ?? map.get(path.split('?')[0]!) ?? map.get('*');
    if (!h) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(h(req, res)).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500).end(e.message);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    routes: map,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A handler that sends a fixed body. */
export function send(body: string | Buffer, headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }, status = 200): Handler {
  return (_req, res) => {
    res.writeHead(status, headers).end(body);
  };
}
