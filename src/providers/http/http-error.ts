import { z } from 'zod';
import { ProviderError } from '../errors.js';

/** Who is speaking, and what must never be repeated back to the user. */
export interface ErrorContext {
  /** e.g. "Jasper": used in messages. */
  serviceName: string;
  /** Strings (API keys, tokens) replaced in every message built here. */
  secrets?: readonly string[];
}

const MAX_DETAIL = 300;
/** An upstream's message as people see it: its first sentence, at most this long. */
const MAX_SENTENCE = 200;

const messageish = z.union([z.string(), z.array(z.unknown())]);
const issue = z.union([
  z.string(),
  z.looseObject({ message: z.string().optional(), msg: z.string().optional(), field: z.string().optional() }),
]);

/** The bodies seen: `{ requestId, resource, errors }`, `{ statusCode, message, error }`, LowCodeAPI's `{ data: { error } }`. */
const errorBodySchema = z.looseObject({
  requestId: z.string().optional(),
  message: messageish.optional(),
  error: z.union([z.string(), z.looseObject({ message: z.string().optional() })]).optional(),
  errors: z.array(issue).optional(),
  data: z.looseObject({ error: z.looseObject({ message: z.string().optional() }).optional() }).optional(),
});

export interface ErrorBodyInfo {
  message?: string;
  requestId?: string;
}

/** Reads a message and request id from any error body; never throws. */
export function parseErrorBody(text: string): ErrorBodyInfo {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return {};
  const body = parsed.data;
  const fromErrors = (body.errors ?? [])
    .map((item) => (typeof item === 'string' ? item : (item.message ?? item.msg)))
    .filter((m): m is string => typeof m === 'string' && m.length > 0);
  const fromMessage = typeof body.message === 'string' ? [body.message] : (body.message ?? []).filter((m) => typeof m === 'string');
  const nested = typeof body.error === 'object' ? body.error.message : undefined;
  const messages = [...fromErrors, ...fromMessage, nested, body.data?.error?.message].filter(
    (m): m is string => typeof m === 'string' && m.trim().length > 0,
  );
  // A bare `error: "Bad Request"` only repeats the status: used when nothing else is said.
  const message = messages.length > 0 ? messages.join('; ') : typeof body.error === 'string' ? body.error : undefined;
  return { message, requestId: body.requestId };
}

/** Replaces secrets, flattens whitespace and bounds the length of text bound for a user. */
export function sanitize(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}

/** The first sentence of an upstream's (already sanitised) message, without its closing punctuation. */
export function firstSentence(text: string): string {
  const end = /[.!?](?=\s|$)/.exec(text);
  const sentence = (end ? text.slice(0, end.index) : text).trim();
  return sentence.length > MAX_SENTENCE ? `${sentence.slice(0, MAX_SENTENCE - 1)}…` : sentence;
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

export interface StatusErrorInput {
  status: number;
  /** The body text, when there is one. */
  body?: string;
  requestId?: string;
  retryAfterMs?: number;
}

/** Maps an HTTP status (or a `statusCode` inside a stream frame) to a ProviderError with a message for end users. */
export function errorFromStatus(input: StatusErrorInput, context: ErrorContext): ProviderError {
  const { status, retryAfterMs } = input;
  const info = input.body ? parseErrorBody(input.body) : {};
  const detail = info.message ? firstSentence(sanitize(info.message, context.secrets)) : '';
  const requestId = info.requestId ?? input.requestId;
  const svc = context.serviceName;
  const said = detail ? `: ${detail}` : '';
  const options = { status, requestId, retryAfterMs, ...(detail ? { detail } : {}) };
  if (status === 401) return new ProviderError('auth', `${svc} did not accept the API key (401). Check that the key is set and still valid.`, options);
  if (status === 403) return new ProviderError('forbidden', `${svc} refused access (403); the key or the workspace's plan does not allow this${said}.`, options);
  if (status === 404) return new ProviderError('not_found', `${svc} could not find it (404)${said}.`, options);
  if (status === 408) return new ProviderError('timeout', `${svc} timed out (408). Try again in a moment.`, options);
  if (status === 429) {
    const when = retryAfterMs !== undefined ? `in ${seconds(retryAfterMs)}` : 'in a moment';
    return new ProviderError('rate_limited', `${svc} is limiting how often it can be called (429). Try again ${when}.`, options);
  }
  if (status >= 500) return new ProviderError('upstream', `${svc} had a problem on its side (${status})${said}. Try again in a moment.`, options);
  return new ProviderError('bad_request', `${svc} refused the request (${status})${said}.`, options);
}

/** Maps something thrown by fetch or a body read. */
export function errorFromException(error: unknown, context: ErrorContext, what: 'connect' | 'stream' = 'connect'): ProviderError {
  if (error instanceof ProviderError) return error;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? sanitize(cause.message, context.secrets) : '';
  const text = what === 'connect' ? `Could not reach ${context.serviceName}` : `The connection to ${context.serviceName} broke`;
  return new ProviderError('network', reason ? `${text} (${reason}).` : `${text}.`, { cause: error });
}

export function timeoutError(context: ErrorContext, ms: number): ProviderError {
  return new ProviderError('timeout', `${context.serviceName} did not answer within ${seconds(ms)}.`);
}

export function invalidResponseError(context: ErrorContext, detail: string, cause?: unknown): ProviderError {
  return new ProviderError('invalid_response', `${context.serviceName} sent a response that could not be read (${sanitize(detail, context.secrets)}).`, { cause });
}
