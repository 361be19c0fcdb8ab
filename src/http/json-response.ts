import type { ServerResponse } from 'node:http';

/** Writes a small JSON answer that no proxy or browser may cache (health and readiness change from one call to the next). */
export function writeJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
