import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';

/**
 * A plain HTTP server answering Bolt custom routes by path and method (404 otherwise): what a worker-only process
 * serves (health, readiness, metrics) without taking Slack's requests. Port 0 picks a free one.
 */
export async function serveRoutes(routes: CustomRoute[], port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes.find((r) => r.path === path && [r.method].flat().includes(req.method ?? ''));
    if (route) return route.handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${bound}`,
    port: bound,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
