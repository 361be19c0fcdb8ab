/** What the fakes of JSON APIs (Jarvis, the browser agent, jobs) share: answers, failures, request records and their HTTP server. */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Thrown while handling a request: answered as `status` with `body`. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

/** A request body as recorded: its JSON when it parses, else the text. */
export function parseMaybeJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A request's headers as recorded, without the ones that carry its secret (a recorded request may be printed). */
export function recordedHeaders(req: IncomingMessage, secrets: readonly string[] = ['authorization']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers)
      .filter(([name]) => !secrets.includes(name))
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
}

/**
 * Listens on loopback and hands each request to `handle` with its whole body; an `HttpFailure` thrown there is
 * answered as such, anything else as a 500.
 */
export async function serveJson(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void, port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        if (error instanceof HttpFailure) return sendJson(res, error.status, error.body);
        sendJson(res, 500, { error: 'Internal server error' });
      }
    });
    res.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
