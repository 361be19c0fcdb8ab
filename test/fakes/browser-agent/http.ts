/** Routing, bodies and answers of the fake browser agent. */
import { HttpFailure, isRecord } from '../http/json-fake.js';

export type FakeBrowserAgentRoute = 'POST /v1/tasks' | 'GET /v1/tasks/:id' | 'unknown';

export function routeOf(method: string, pathname: string): { route: FakeBrowserAgentRoute; id: string } {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v1' || parts[1] !== 'tasks') return { route: 'unknown', id: '' };
  if (method === 'POST' && parts.length === 2) return { route: 'POST /v1/tasks', id: '' };
  if (method === 'GET' && parts.length === 3) return { route: 'GET /v1/tasks/:id', id: parts[2] ?? '' };
  return { route: 'unknown', id: '' };
}

/** The request's JSON object; anything else is the document's "invalid JSON body" (400). */
export function readJsonBody(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpFailure(400, { error: 'Invalid JSON body' });
  }
  if (!isRecord(value)) throw new HttpFailure(400, { error: 'Invalid JSON body: expected an object' });
  return value;
}
