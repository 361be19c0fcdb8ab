/**
 * "Keep writing" as RunEvents: `POST /keep-writing` with `{ inputs: { type: "text", value: <the last output> },
 * options? }` -> 201 `{ data: [{ id, text }] }` (jasper-api-notes.md). Synchronous, like a template run: `started` and a
 * running step as the request goes out, then the new text, the step completed and `done`. The endpoint is not in
 * Jasper's current API description: its 404 ends the run with a `retired` not_found error that says so. Never resent
 * once it may have reached Jasper; aborting ends the iteration quietly.
 */
import { z } from 'zod';
import { ProviderError, asProviderError } from '../errors.js';
import type { RunEvent, RunRequest } from '../types.js';
import type { JasperClient } from './jasper-client.js';

export const KEEP_WRITING_STEP_ID = 'jasper-keep-writing';
const STEP_LABEL = 'Writing more';

export interface JasperKeepWritingBody {
  inputs: { type: 'text'; value: string };
  options?: { outputLanguage: string };
}

export const jasperKeepWritingResponseSchema = z.looseObject({ data: z.array(z.looseObject({ text: z.string() })) });

export function buildKeepWritingBody(request: Pick<RunRequest, 'continuation' | 'brand'>): JasperKeepWritingBody | undefined {
  const last = request.continuation?.history.at(-1)?.output;
  if (!last?.trim()) return undefined;
  const body: JasperKeepWritingBody = { inputs: { type: 'text', value: last } };
  if (request.brand?.toLanguage) body.options = { outputLanguage: request.brand.toLanguage };
  return body;
}

export async function* runKeepWriting(client: JasperClient, request: RunRequest): AsyncGenerator<RunEvent> {
  const { signal } = request;
  if (signal.aborted) return;
  const body = buildKeepWritingBody(request);
  if (!body) {
    yield { type: 'error', error: new ProviderError('bad_request', 'There is no output to keep writing from yet.'), partial: false };
    return;
  }
  const settled = client.keepWriting(body, signal).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  yield { type: 'started' };
  yield { type: 'step', id: KEEP_WRITING_STEP_ID, status: 'running', label: STEP_LABEL };
  const result = await settled;
  if (signal.aborted) return;
  if (!result.ok) {
    const problem = asProviderError(result.error);
    const error =
      problem.code === 'not_found'
        ? new ProviderError('not_found', "Your workspace's Jasper no longer offers Keep writing.", { status: problem.status, cause: problem, retired: true })
        : problem;
    yield { type: 'error', error, partial: false };
    return;
  }
  const text = result.value.data.map((item) => item.text).join('');
  if (!text.trim()) {
    yield { type: 'error', error: new ProviderError('invalid_response', 'Jasper kept writing but returned no text.'), partial: false };
    return;
  }
  yield { type: 'step', id: KEEP_WRITING_STEP_ID, status: 'completed', label: STEP_LABEL };
  yield { type: 'text', delta: text };
  yield { type: 'done' };
}
