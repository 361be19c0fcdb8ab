/** Reading Web API requests the way Slack does: form, JSON or multipart bodies, and the bearer token. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Arguments @slack/web-api JSON-encodes inside form bodies. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'chunks', 'metadata', 'files', 'loading_messages', 'prompts']);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(parts);
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export type ParsedBody =
  | { ok: true; args: Record<string, unknown>; json: boolean; files: Record<string, Buffer> }
  | { ok: false; error: string };

export async function parseBody(contentType: string | undefined, raw: Buffer, query: URLSearchParams): Promise<ParsedBody> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of query) args[k] = decodeField(k, v);
  const files: Record<string, Buffer> = {};
  if (raw.length === 0) return { ok: true, args, json: false, files };
  if (!contentType) return { ok: false, error: 'missing_post_type' };
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(raw.toString('utf8'))) args[k] = decodeField(k, v);
    return { ok: true, args, json: false, files };
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, error: 'invalid_json' };
    return { ok: true, args: { ...args, ...(parsed as Record<string, unknown>) }, json: true, files };
  }
  if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    } catch {
      return { ok: false, error: 'invalid_form_data' };
    }
    for (const [k, v] of form) {
      if (typeof v === 'string') args[k] = decodeField(k, v);
      else files[k] = Buffer.from(await v.arrayBuffer());
    }
    return { ok: true, args, json: false, files };
  }
  return { ok: false, error: 'invalid_post_type' };
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m?.[1]?.trim();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
