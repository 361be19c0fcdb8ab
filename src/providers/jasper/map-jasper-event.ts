import { errorFromStatus, invalidResponseError, type ErrorContext } from '../http/http-error.js';
import type { RunEvent, StepStatus } from '../types.js';
import { jasperContentFrameSchema, jasperErrorFrameSchema, jasperStepFrameSchema } from './jasper-schemas.js';

export interface MappedJasperFrame {
  /** Undefined for frames that carry nothing to show (empty content, unknown shapes). */
  event?: RunEvent;
  /** Numeric usage figures, when the frame carries them. */
  usage?: Record<string, number>;
}

function stepStatus(status: string): StepStatus {
  if (status === 'loading') return 'running';
  if (status === 'completed') return 'completed';
  return 'failed';
}

/**
 * One SSE `data` payload -> at most one RunEvent. Data that is not JSON ends the run (`invalid_response`);
 * JSON of an unknown shape is skipped, since Jasper may add frame kinds. `partial` says whether text was already shown.
 */
export function mapJasperFrame(data: string, context: ErrorContext & { partial: boolean }): MappedJasperFrame {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    return { event: { type: 'error', error: invalidResponseError(context, 'a stream frame is not JSON', error), partial: context.partial } };
  }
  // Any frame with a `statusCode` is an error, whatever else it holds.
  const failure = jasperErrorFrameSchema.safeParse(json);
  if (failure.success) {
    // Mapped like an HTTP status; a code below 400 inside an error frame still means the run failed upstream.
    const status = failure.data.statusCode >= 400 ? failure.data.statusCode : 500;
    return { event: { type: 'error', error: errorFromStatus({ status, body: data }, context), partial: context.partial } };
  }
  const step = jasperStepFrameSchema.safeParse(json);
  if (step.success) {
    const { id, status, label, description } = step.data.step;
    const event: RunEvent = { type: 'step', id, status: stepStatus(status), label: label ?? '' };
    if (description) event.description = description;
    return { event };
  }
  const content = jasperContentFrameSchema.safeParse(json);
  if (!content.success) return {};
  const { content: delta, usage } = content.data;
  return { event: delta ? { type: 'text', delta } : undefined, usage: numericFields(usage) };
}

function numericFields(value: unknown): Record<string, number> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
