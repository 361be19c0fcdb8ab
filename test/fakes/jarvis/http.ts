/** Routing, bodies and answers of the fake Jarvis. */
import type { IncomingMessage } from 'node:http';
import { HttpFailure, isRecord } from '../http/json-fake.js';

export type FakeJarvisRoute = 'POST /agents/invoke' | 'GET /agents/status/:id' | 'GET /agents/history' | 'unknown';

export function routeOf(method: string, pathname: string): { route: FakeJarvisRoute; id: string } {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'agents') return { route: 'unknown', id: '' };
  if (method === 'POST' && parts.length === 2 && parts[1] === 'invoke') return { route: 'POST /agents/invoke', id: '' };
  if (method === 'GET' && parts.length === 3 && parts[1] === 'status') return { route: 'GET /agents/status/:id', id: parts[2] ?? '' };
  if (method === 'GET' && parts.length === 2 && parts[1] === 'history') return { route: 'GET /agents/history', id: '' };
  return { route: 'unknown', id: '' };
}

/** The request's JSON object; anything else is a 400. */
export function readJsonBody(req: IncomingMessage, text: string): Record<string, unknown> {
  if (!(req.headers['content-type'] ?? '').includes('application/json')) throw new HttpFailure(400, { error: 'Content-Type must be application/json' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpFailure(400, { error: 'The body is not valid JSON' });
  }
  if (!isRecord(value)) throw new HttpFailure(400, { error: 'The body must be a JSON object' });
  return value;
}
