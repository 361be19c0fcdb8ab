/**
 * A fake of the LowCodeAPI proxy in front of the fake Jasper, from `jasper-lowcodeapi-endpoints.txt`:
 * - requests go to `/jasper/v1/...` with the proxy's token in `api_token` (missing or wrong: 401 in the error envelope);
 *   the proxy calls Jasper with Jasper's key, which only it holds;
 * - path parameters in the path ("new format", `/jasper/v1/knowledge/kno_1`) or in the query ("old format",
 *   `/jasper/v1/knowledge/knowledge_id?knowledge_id=kno_1`); `urlFormats` makes the proxy take only one of them, and
 *   the other then answers 404 in the error envelope;
 * - JSON answers are wrapped in `{ data: ... }`; errors keep their status and become `{ data: { error: { message, code } } }`;
 *   streams (run/stream) and other bodies pass through unwrapped, since they cannot be put in a JSON envelope.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { FakeJasper } from './fake-jasper.js';

/** Jasper's paths with parameters, named as the proxy's document names them (`knowledge_id`, `style_id`, ...). */
export const PROXY_PATH_TEMPLATES = [
  '/v1/tasks/{task_id}',
  '/v1/tasks/{task_id}/run',
  '/v1/tasks/{task_id}/run/stream',
  '/v1/knowledge/{knowledge_id}',
  '/v1/styles/{style_id}/apply',
  '/v1/templates/{template_id}',
  '/v1/templates/{template_id}/run',
  '/v1/tones/{tone_id}',
] as const;

export type ProxyUrlFormat = 'new' | 'old' | 'none';

export interface ProxyRequest {
  method: string;
  /** The path as the proxy received it, e.g. "/jasper/v1/knowledge/knowledge_id". */
  path: string;
  /** Without `api_token`. */
  query: Record<string, string>;
  /** Which URL format the request used (`none`: the path has no parameters). */
  format: ProxyUrlFormat;
  /** Whether `api_token` was the proxy's token. */
  authorised: boolean;
}

export interface ProxyFault {
  status: number;
  message: string;
  code?: string;
  times?: number;
  /** Only requests whose path contains this (default: any request). */
  pathIncludes?: string;
}

export interface FakeLowCodeApi {
  /** The proxy's base for Jasper, e.g. "http://127.0.0.1:54321/jasper" (the document's https://api.lowcodeapi.com/jasper). */
  readonly baseURL: string;
  readonly token: string;
  readonly requests: ProxyRequest[];
  /** Which URL formats the proxy takes (default both). */
  setUrlFormats(formats: 'both' | 'new' | 'old'): void;
  /** The next `times` requests are answered by the proxy itself with this error envelope, without reaching Jasper. */
  failNext(fault: ProxyFault): void;
  reset(): void;
  close(): Promise<void>;
}

const ERROR_CODES: Record<number, string> = { 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 429: 'RATE_LIMITED', 500: 'PROVIDER_ERROR' };

function errorEnvelope(status: number, message: string, code?: string) {
  return { data: { error: { message, code: code ?? ERROR_CODES[status] ?? (status >= 500 ? 'PROVIDER_ERROR' : 'ERROR') } } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Jasper's path and query for a proxy path, with the format it came in; undefined when it names no Jasper path. */
function resolve(pathname: string, query: URLSearchParams): { jasperPath: string; query: URLSearchParams; format: ProxyUrlFormat } | undefined {
  if (!pathname.startsWith('/jasper/')) return undefined;
  const path = pathname.slice('/jasper'.length);
  const segments = path.split('/');
  for (const template of PROXY_PATH_TEMPLATES) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const names = parts.map((p) => /^\{(\w+)\}$/.exec(p)?.[1]);
    const fixedMatch = parts.every((p, i) => names[i] !== undefined || p === segments[i]);
    if (!fixedMatch) continue;
    // Old format: the parameter's name stands in the path and its value in the query.
    if (names.every((name, i) => name === undefined || (segments[i] === name && query.has(name)))) {
      const rest = new URLSearchParams(query);
      const filled = parts.map((p, i) => {
        const name = names[i];
        if (name === undefined) return p;
        const value = rest.get(name) ?? '';
        rest.delete(name);
        return encodeURIComponent(value);
      });
      return { jasperPath: filled.join('/'), query: rest, format: 'old' };
    }
    return { jasperPath: path, query, format: 'new' };
  }
  return { jasperPath: path, query, format: 'none' };
}

function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    const { message } = body as { message?: unknown };
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  }
  return http.STATUS_CODES[status] ?? 'Error';
}

export async function startFakeLowCodeApi(options: { jasper: FakeJasper; token?: string }): Promise<FakeLowCodeApi> {
  const token = options.token ?? `fake-lowcodeapi-token-${randomBytes(12).toString('hex')}`;
  const jasperOrigin = new URL(options.jasper.baseURL).origin;
  const requests: ProxyRequest[] = [];
  let formats: 'both' | 'new' | 'old' = 'both';
  let fault: (ProxyFault & { remaining: number }) | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, gone: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const authorised = url.searchParams.get('api_token') === token;
    const params = new URLSearchParams(url.searchParams);
    params.delete('api_token');
    const resolved = resolve(url.pathname, params);
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(params), format: resolved?.format ?? 'none', authorised });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (!authorised) return sendJson(res, 401, errorEnvelope(401, 'Invalid or missing API token'));
    if (fault && fault.remaining > 0 && url.pathname.includes(fault.pathIncludes ?? '')) {
      const { status, message, code } = fault;
      if (--fault.remaining === 0) fault = undefined;
      return sendJson(res, status, errorEnvelope(status, message, code));
    }
    if (!resolved || (resolved.format !== 'none' && formats !== 'both' && resolved.format !== formats)) {
      return sendJson(res, 404, errorEnvelope(404, `Endpoint not found: ${req.method} ${url.pathname}`));
    }
    const target = new URL(jasperOrigin + resolved.jasperPath);
    target.search = resolved.query.toString();
    const headers: Record<string, string> = { 'x-api-key': options.jasper.apiKey };
    for (const name of ['content-type', 'accept']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const upstream = await fetch(target, { method: req.method, headers, body, signal: gone });
    const type = upstream.headers.get('content-type') ?? '';
    const passOn: Record<string, string> = {};
    const retryAfter = upstream.headers.get('retry-after');
    if (retryAfter) passOn['retry-after'] = retryAfter;
    if (type.includes('application/json')) {
      const text = await upstream.text();
      let json: unknown = null;
      try {
        json = text === '' ? null : JSON.parse(text);
      } catch {
        json = text;
      }
      return sendJson(res, upstream.status, upstream.ok ? { data: json } : errorEnvelope(upstream.status, messageOf(json, upstream.status)), passOn);
    }
    res.writeHead(upstream.status, { ...(type ? { 'content-type': type } : {}), ...passOn });
    if (!upstream.body) return void res.end();
    Readable.fromWeb(upstream.body).on('error', () => res.destroy()).pipe(res);
  }

  const server = http.createServer((req, res) => {
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    handle(req, res, gone.signal).catch(() => {
      if (res.headersSent || gone.signal.aborted) return void res.destroy();
      sendJson(res, 502, errorEnvelope(502, 'Could not reach the provider', 'PROVIDER_UNREACHABLE'));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/jasper`,
    token,
    requests,
    setUrlFormats: (next) => void (formats = next),
    failNext: (next) => void (fault = { ...next, remaining: next.times ?? 1 }),
    reset() {
      requests.length = 0;
      fault = undefined;
      formats = 'both';
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
