/**
 * Jasper through the LowCodeAPI proxy (`jasper-lowcodeapi-endpoints.txt`), as an HttpClient the Jasper client uses
 * unchanged:
 * - the base is the proxy's base for Jasper (`https://api.lowcodeapi.com/jasper`) and every path gains Jasper's `/v1`;
 * - the proxy token goes in the `api_token` query parameter (it is one of the secrets scrubbed from every message);
 * - JSON answers come wrapped as `{ data: <Jasper's answer> }` and are unwrapped before the caller's schema reads them;
 *   streams and other bodies pass through as they are;
 * - error answers (`{ data: { error: { message, code } } }`) keep their HTTP status and become the same typed
 *   ProviderErrors as direct calls (`parseErrorBody` reads that envelope);
 * - a path with parameters is tried in the "new format" (parameters in the path) first and, on a 404, in the "old
 *   format" (`/knowledge/knowledge_id?knowledge_id=kno_1`); whichever worked is remembered per path template, so a
 *   later genuine 404 is not sent twice once the new format is known to work.
 */
import { z } from 'zod';
import { ProviderError } from '../errors.js';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpRequest } from '../http/http-client.js';

export const LOWCODEAPI_DEFAULT_BASE_URL = 'https://api.lowcodeapi.com/jasper';

/** Jasper's API version, which the direct base URL carries and the proxy's base does not. */
const JASPER_VERSION_PREFIX = '/v1';

export type LowCodeApiUrlFormat = 'new' | 'old';

export interface LowCodeApiTransportOptions extends Omit<HttpClientOptions, 'headers'> {
  /** The proxy's token (`api_token`). */
  token: string;
  /** Told once per path template when only the old URL format works. */
  onOldFormat?: (pathTemplate: string) => void;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** The proxy request for one URL format. */
export function proxyRequest(request: HttpRequest, format: LowCodeApiUrlFormat, token: string): HttpRequest {
  const path = JASPER_VERSION_PREFIX + (format === 'new' ? request.path : request.path.replace(PLACEHOLDER, '$1'));
  if (format === 'new') return { ...request, path, query: { ...request.query, api_token: token } };
  const { pathParams, ...rest } = request;
  return { ...rest, path, query: { ...request.query, ...pathParams, api_token: token } };
}

export function createLowCodeApiTransport(options: LowCodeApiTransportOptions): HttpClient {
  const { token, onOldFormat, ...httpOptions } = options;
  const inner = createHttpClient({ ...httpOptions, secrets: [...(options.secrets ?? []), token], headers: {} });
  /** Which URL format works, per path template (only templates with parameters differ). */
  const formats = new Map<string, LowCodeApiUrlFormat>();

  async function send<T>(request: HttpRequest, call: (proxied: HttpRequest) => Promise<T>): Promise<T> {
    const template = request.path;
    const known = formats.get(template);
    if (!/\{\w+\}/.test(template) || known) return call(proxyRequest(request, known ?? 'new', token));
    try {
      const answer = await call(proxyRequest(request, 'new', token));
      formats.set(template, 'new');
      return answer;
    } catch (error) {
      // A 404 is the one refusal that may mean "this proxy only knows the old format"; it also means nothing ran.
      if (!(error instanceof ProviderError) || error.status !== 404) throw error;
      const answer = await call(proxyRequest(request, 'old', token));
      formats.set(template, 'old');
      onOldFormat?.(template);
      return answer;
    }
  }

  return {
    context: inner.context,
    json<T>(request: HttpRequest, schema: z.ZodType<T>): Promise<T> {
      const enveloped = z.looseObject({ data: schema }).transform((body) => body.data);
      return send(request, (proxied) => inner.json(proxied, enveloped));
    },
    open(request: HttpRequest): Promise<Response> {
      return send(request, (proxied) => inner.open(proxied));
    },
    async text(request: HttpRequest): Promise<string> {
      const text = await send(request, (proxied) => inner.text(proxied));
      return unwrapText(text);
    },
  };
}

const textEnvelope = z.looseObject({ data: z.unknown() });

/** The `data` of an enveloped JSON body, as JSON text; an empty or non-JSON body as it came. */
function unwrapText(text: string): string {
  if (text.trim() === '') return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  const parsed = textEnvelope.safeParse(json);
  return parsed.success && parsed.data.data !== undefined ? JSON.stringify(parsed.data.data) : text;
}
