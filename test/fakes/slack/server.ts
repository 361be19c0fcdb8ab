/** The fake's HTTP side: routing, auth, rate limits, injected failures, delays, and the call log. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { bearer, parseBody, readBody, sendJson, sendText } from './http.js';
import { chatMethods } from './methods/chat.js';
import type { Handler, MethodContext } from './methods/common.js';
import { fileMethods, receiveUpload } from './methods/files.js';
import { streamMethods } from './methods/stream.js';
import { viewMethods } from './methods/views.js';
import { workspaceMethods } from './methods/workspace.js';
import { reactionMethods } from './methods/reactions.js';
import { conversationMethods } from './methods/conversations.js';
import { postToResponseUrl } from './response-url.js';
import type { SlackState } from './state.js';
import type { ApiResult, CallRecord } from './types.js';

const METHODS: Record<string, Handler> = { ...chatMethods, ...streamMethods, ...viewMethods, ...workspaceMethods, ...fileMethods, ...reactionMethods, ...conversationMethods };

export interface ServerControls {
  calls: CallRecord[];
  rateLimits: Map<string, { remaining: number; retryAfterSec: number }>;
  failures: Map<string, { remaining: number; error: string }>;
  delayMs: number;
  methodDelays: Map<string, number>;
  /** Calls of a method that take effect at once but whose answer reaches the caller only after this many ms. */
  answerDelays: Map<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handleApi(method: string, req: IncomingMessage, res: ServerResponse, url: URL, state: SlackState, controls: ServerControls, baseUrl: string): Promise<void> {
  const body = await parseBody(req.headers['content-type'], await readBody(req), url.searchParams);
  const args = body.ok ? body.args : {};
  const token = bearer(req) ?? (body.ok && !body.json && typeof args.token === 'string' ? args.token : undefined);
  delete args.token;
  const answer = (status: number, response: ApiResult, headers: Record<string, string> = {}) => {
    controls.calls.push({ method, args, at: Date.now(), status, response });
    sendJson(res, status, response, headers);
  };
  const delay = controls.methodDelays.get(method) ?? controls.delayMs;
  if (delay > 0) await sleep(delay);
  if (!body.ok) return answer(200, { ok: false, error: body.error });
  const handler = METHODS[method];
  if (!handler) return answer(200, { ok: false, error: 'unknown_method' });
  if (!token) return answer(200, { ok: false, error: 'not_authed' });
  if (token !== state.botToken) return answer(200, { ok: false, error: 'invalid_auth' });
  const limit = controls.rateLimits.get(method);
  if (limit && limit.remaining > 0) {
    limit.remaining -= 1;
    return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfterSec) });
  }
  const failure = controls.failures.get(method);
  if (failure && failure.remaining > 0) {
    failure.remaining -= 1;
    return answer(200, { ok: false, error: failure.error });
  }
  const ctx: MethodContext = { state, baseUrl };
  const result = handler(args, ctx);
  const answerDelay = controls.answerDelays.get(method) ?? 0;
  if (answerDelay > 0) await sleep(answerDelay);
  return answer(200, result);
}

async function handle(req: IncomingMessage, res: ServerResponse, state: SlackState, controls: ServerControls, baseUrl: () => string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake.invalid');
  const [, area, ...rest] = url.pathname.split('/');
  if (req.method === 'GET' && area === 'files-pri' && rest[0]) {
    // Private file URLs need the bot token, as on Slack (without it Slack answers with a login page, not the file).
    if (req.headers.authorization !== `Bearer ${state.botToken}`) return sendText(res, 403, 'not_authed');
    const file = state.files.get(rest[0]);
    if (!file?.content) return sendText(res, 404, 'file_not_found');
    res.writeHead(200, { 'content-type': file.mimetype ?? 'application/octet-stream', 'content-length': String(file.content.length) });
    res.end(file.content);
    return;
  }
  if (req.method !== 'POST' && !(req.method === 'GET' && area === 'api')) return sendText(res, 405, 'method_not_allowed');
  if (area === 'api' && rest.length === 1 && rest[0]) return handleApi(rest[0], req, res, url, state, controls, baseUrl());
  if (area === 'upload' && rest[0] === 'v1' && rest[1]) {
    const raw = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    const parsed = type.startsWith('multipart/') ? await parseBody(type, raw, new URLSearchParams()) : undefined;
    const content = parsed ? (parsed.ok ? (Object.values(parsed.files)[0] ?? Buffer.alloc(0)) : Buffer.alloc(0)) : raw;
    const out = receiveUpload(state, rest[1], content);
    return sendText(res, out.status, out.text);
  }
  if (area === 'response' && rest[0]) {
    const raw = await readBody(req);
    const parsed = await parseBody(req.headers['content-type'], raw, new URLSearchParams());
    if (!parsed.ok || !parsed.json) return sendJson(res, 400, { ok: false, error: 'invalid_payload' });
    const out = postToResponseUrl(state, rest[0], parsed.args);
    return sendJson(res, out.status, out.body);
  }
  return sendText(res, 404, 'not_found');
}

export async function listen(state: SlackState, controls: ServerControls): Promise<{ server: Server; baseUrl: string }> {
  let baseUrl = '';
  const server = createServer((req, res) => {
    handle(req, res, state, controls, () => baseUrl).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fatal_error', detail: String(err) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake Slack: no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}/`;
  return { server, baseUrl };
}
