/**
 * A template run as RunEvents. `POST /templates/{id}/run` is synchronous (no stream), so the run reports:
 * `started` and a "Writing" step (running) as the request goes out, then, when Jasper answers, the step completed, the
 * whole output as one `text` event, and `done`. A refusal or failure ends with one `error` event (`partial: false`:
 * nothing was shown), after which the runs layer marks the step failed. The request is never resent once it may have
 * reached Jasper; aborting the signal ends the iteration quietly, like a task run.
 */
import { ProviderError, asProviderError } from '../errors.js';
import type { RunEvent, RunRequest } from '../types.js';
import { buildTemplateRunBody } from './build-template-run-body.js';
import type { JasperClient } from './jasper-client.js';
import type { ProviderLogger } from './map-jasper-task.js';
import type { JasperTemplate } from './template-schemas.js';

export const TEMPLATE_STEP_ID = 'jasper-template-writing';
export const TEMPLATE_STEP_LABEL = 'Writing';

/** Joins the outputs of one run (Jasper may return several when asked for more than one). */
const OUTPUT_SEPARATOR = '\n\n';

export async function* runTemplate(
  client: JasperClient,
  request: RunRequest,
  /** The template as Jasper describes it, for option values; undefined when it could not be known. */
  template: () => Promise<JasperTemplate | undefined>,
  logger?: ProviderLogger,
): AsyncGenerator<RunEvent> {
  const { signal } = request;
  if (signal.aborted) return;
  let body;
  try {
    body = buildTemplateRunBody(request, await template(), logger);
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asProviderError(error), partial: false };
    return;
  }
  if (signal.aborted) return;
  const answer = client.runTemplate(request.task.id, body, signal);
  // Settled here so that a consumer that leaves early leaves no unhandled rejection behind.
  const settled = answer.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  yield { type: 'started' };
  yield { type: 'step', id: TEMPLATE_STEP_ID, status: 'running', label: TEMPLATE_STEP_LABEL };
  const result = await settled;
  if (signal.aborted) return;
  if (!result.ok) {
    yield { type: 'error', error: asProviderError(result.error), partial: false };
    return;
  }
  const text = result.value.data.map((item) => item.text).filter((t) => t.trim() !== '').join(OUTPUT_SEPARATOR);
  if (!text) {
    yield { type: 'error', error: new ProviderError('invalid_response', 'Jasper ran the template but returned no text.'), partial: false };
    return;
  }
  yield { type: 'step', id: TEMPLATE_STEP_ID, status: 'completed', label: TEMPLATE_STEP_LABEL };
  if (signal.aborted) return;
  yield { type: 'text', delta: text };
  if (signal.aborted) return;
  yield { type: 'done' };
}
