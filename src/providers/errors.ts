/** Errors from agent APIs, as codes the surfaces can explain. Never carries a secret. */
export type ProviderErrorCode =
  | 'auth' // 401: the key is not valid
  | 'forbidden' // 403: the plan or key may not do this
  | 'not_found' // 404
  | 'bad_request' // 400 / 422: the upstream refused the inputs
  | 'rate_limited' // 429 after the allowed retries
  | 'upstream' // 5xx after the allowed retries, or an error frame inside a stream
  | 'network' // could not connect, or the connection broke
  | 'timeout'
  | 'cancelled'
  | 'invalid_response' // the upstream answered something we could not parse
  | 'stream_cut'; // a stream ended before the run finished

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly code: ProviderErrorCode;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  /** What the upstream itself said, cut to one sentence and scrubbed of secrets: shown to people as its words. */
  readonly detail?: string;
  /** A next step only this API knows (e.g. "Start a new thread"): said after the shared explanation. */
  readonly advice?: string;
  /** The upstream no longer offers this feature (an endpoint its API description dropped answered 404): `message` says so. */
  readonly retired: boolean;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: { status?: number; requestId?: string; retryAfterMs?: number; detail?: string; advice?: string; cause?: unknown; retired?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.retryAfterMs = options.retryAfterMs;
    this.detail = options.detail;
    this.advice = options.advice;
    this.retired = options.retired ?? false;
  }

  /** Whether trying again later may work (the Retry button is offered for these). */
  get retryable(): boolean {
    return ['rate_limited', 'upstream', 'network', 'timeout', 'stream_cut', 'invalid_response'].includes(this.code);
  }
}

/** Normalises anything thrown into a ProviderError. */
export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new ProviderError('cancelled', 'The run was cancelled.', { cause: error });
  if (error instanceof Error && error.name === 'TimeoutError') return new ProviderError('timeout', 'The agent API did not answer in time.', { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('network', `Could not reach the agent API: ${message}`, { cause: error });
}
