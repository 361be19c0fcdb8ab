import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { WRITE_RATES } from '../forms/limits.js';
import { ProviderError } from '../providers/errors.js';
import type { Provider, RunRequest } from '../providers/types.js';
import { ProgressPacer, type ProgressBatch, type StepState } from './progress-pacer.js';
import { FOLLOW_UP_HINT } from './render/run-messages.js';
import { StreamingUnavailableError, type ProgressRenderer, type ThreadTarget } from './renderers/renderer.js';
import { StreamRenderer } from './renderers/stream-renderer.js';
import { UpdateRenderer } from './renderers/update-renderer.js';

export interface TurnResult {
  status: 'done' | 'failed' | 'cancelled';
  output: string;
  partial: boolean;
  error?: ProviderError;
  upstreamSessionId?: string;
}

export interface TurnContext {
  client: WebClient;
  logger: Logger;
  provider: Provider;
  target: ThreadTarget;
  request: RunRequest;
  /** Minimum time between two progress writes to Slack for this run. */
  paceMs: number;
  /** How many runs are writing progress now: the workspace's budget for progress writes is shared between them. */
  concurrentRuns?: () => number;
  /** Start with chat.update instead of native streaming (e.g. the workspace is known to refuse it). */
  preferUpdates?: boolean;
}

/**
 * Runs one turn: consumes the provider's events, shows them in the thread at a paced rate (native stream, falling back
 * to edits when refused), and makes sure the whole output is in the thread at the end.
 */
export async function executeTurn(ctx: TurnContext): Promise<TurnResult> {
  const { client, target, logger } = ctx;
  const label = ctx.request.task.name;
  let renderer: ProgressRenderer = ctx.preferUpdates ? new UpdateRenderer(client, target, label) : new StreamRenderer(client, target);
  const steps = new Map<string, StepState>();
  let written = '';
  let wrote = false;

  const write = async (batch: ProgressBatch): Promise<void> => {
    wrote = true;
    written += batch.text;
    try {
      await renderer.apply(batch);
    } catch (error) {
      if (error instanceof StreamingUnavailableError) {
        logger.info(`Native streaming refused; falling back to message edits (${error.message})`);
        renderer = new UpdateRenderer(client, target, label);
        await renderer.apply({ steps: [...steps.values()], text: written }).catch((e: unknown) => logWriteError(logger, e));
      } else {
        logWriteError(logger, error);
      }
    }
  };
  // Each run takes its share of the workspace's rate for its progress method, so that writes seldom queue in the
  // Slack pacing point (a queued write would also hold back the run's final output).
  const interval = () => {
    const method = renderer.mode === 'stream' ? 'chat.appendStream' : 'chat.update';
    const perMinute = WRITE_RATES[method]?.perMinute ?? 60;
    return Math.max(ctx.paceMs, ((ctx.concurrentRuns?.() ?? 1) * 60_000) / perMinute);
  };
  const pacer = new ProgressPacer(write, interval);

  let output = '';
  let outcome: { done: true } | { error: ProviderError; partial: boolean } | undefined;
  let upstreamSessionId: string | undefined;
  try {
    for await (const event of ctx.provider.run(ctx.request)) {
      switch (event.type) {
        case 'started':
          upstreamSessionId = event.upstreamSessionId;
          break;
        case 'step':
        case 'subjob': {
          const status = event.type === 'step' ? event.status : subjobStatus(event.status);
          const step: StepState = { id: event.id, label: event.label, status, ...(event.type === 'step' && event.description ? { description: event.description } : {}) };
          steps.set(step.id, step);
          pacer.step(step);
          break;
        }
        case 'text':
          output += event.delta;
          pacer.append(event.delta);
          break;
        case 'structured': {
          const block = `\n\`\`\`json\n${JSON.stringify(event.data, null, 2)}\n\`\`\`\n`;
          output += block;
          pacer.append(block);
          break;
        }
        case 'done':
          outcome = { done: true };
          break;
        case 'error':
          outcome = { error: event.error, partial: event.partial };
          break;
      }
      if (outcome) break;
    }
  } catch (error) {
    // A provider must not throw, but a bug there must not lose the run's output either.
    logger.error('Provider stream threw', error);
    outcome = { error: new ProviderError('invalid_response', 'The agent API stream failed unexpectedly.', { cause: error }), partial: output.length > 0 };
  }

  const cancelled = ctx.request.signal.aborted;
  if (!outcome && !cancelled) {
    outcome = { error: new ProviderError('stream_cut', 'The stream ended without finishing.'), partial: output.length > 0 };
  }
  const succeeded = !cancelled && outcome !== undefined && 'done' in outcome;

  // What the pacer still holds is covered by the final state below (every step, the whole output), unless nothing
  // was shown yet (a run faster than the first write): then it opens the display, which the final state closes.
  const rest = await pacer.settle();
  if (!wrote && (rest.steps.length > 0 || rest.text)) await write(rest);
  const finalSteps = [...steps.values()].map((step) =>
    step.status === 'running' ? { ...step, status: succeeded ? ('completed' as const) : ('failed' as const) } : step,
  );
  try {
    await renderer.finish({ steps: finalSteps, output, footer: succeeded ? [FOLLOW_UP_HINT] : [] });
  } catch (error) {
    logWriteError(logger, error);
  }

  if (cancelled) return { status: 'cancelled', output, partial: output.length > 0, upstreamSessionId };
  if (outcome && 'error' in outcome) {
    return { status: 'failed', output, partial: outcome.partial || output.length > 0, error: outcome.error, upstreamSessionId };
  }
  return { status: 'done', output, partial: false, upstreamSessionId };
}

function subjobStatus(status: string): StepState['status'] {
  if (/fail|error|cancel/i.test(status)) return 'failed';
  if (/complete|done|succe/i.test(status)) return 'completed';
  return 'running';
}

function logWriteError(logger: Logger, error: unknown): void {
  logger.warn(`Could not update run progress in Slack: ${error instanceof Error ? error.message : String(error)}`);
}
