import { ProviderError, asProviderError } from '../errors.js';
import type { ErrorContext } from '../http/http-error.js';
import type { EventSourceMessage } from '../http/sse.js';
import type { KnowledgeItem, Provider, RunEvent, RunRequest, TaskDefinition } from '../types.js';
import { buildRunBody } from './build-run-body.js';
import { createJasperClient, type JasperClient, type JasperClientOptions } from './jasper-client.js';
import type { JasperPagination } from './jasper-schemas.js';
import { mapJasperFrame } from './map-jasper-event.js';
import { mapJasperTask, type ProviderLogger } from './map-jasper-task.js';

export interface JasperProviderOptions extends JasperClientOptions {
  logger?: ProviderLogger;
}

const PAGE_SIZE = 100;
/** 100 pages of 100 tasks: far past any real catalogue, short of an endless loop. */
const MAX_PAGES = 100;

export function createJasperProvider(options: JasperProviderOptions): Provider {
  const client = createJasperClient(options);
  const { logger } = options;

  return {
    id: 'jasper',
    displayName: 'Jasper',

    async listTasks(signal) {
      const tasks = new Map<string, TaskDefinition>();
      const seen = new Set<number>();
      let page: number | undefined = 1;
      while (page !== undefined && !seen.has(page) && seen.size < MAX_PAGES) {
        seen.add(page);
        const list = await client.listTasks({ page, size: PAGE_SIZE, includeContextItems: true, includeCategories: true }, signal);
        for (const task of list.data) tasks.set(task.id, mapJasperTask(task, logger));
        page = list.data.length > 0 ? nextPage(list.pagination) : undefined;
      }
      if (page !== undefined) logger?.warn('Jasper task pagination did not end; stopped', { page, pagesRead: seen.size });
      return [...tasks.values()];
    },

    async getTask(id, signal) {
      return mapJasperTask(await client.getTask(id, signal), logger);
    },

    run(request) {
      return runStream(client, request);
    },

    async searchKnowledge(query, signal): Promise<KnowledgeItem[]> {
      const q = query.trim();
      const list = await client.listKnowledge({ size: PAGE_SIZE, q: q ? `name:${q}` : undefined }, signal);
      return list.data.map((item) => ({ id: item.id, name: item.name ?? item.id }));
    },

    async complete(prompt, signal): Promise<string> {
      const answer = await client.command(prompt, signal);
      return answer.data.map((item) => item.text).join('\n');
    },
  };
}

function nextPage(pagination: JasperPagination | null | undefined): number | undefined {
  const next = Number(pagination?.next ?? Number.NaN);
  return Number.isInteger(next) && next > 0 ? next : undefined;
}

/**
 * Cancellation: when `request.signal` aborts, the iteration ends quietly (no `error` event), as the RunEvent
 * contract says; the connection is closed, which is the only way to stop a Jasper run.
 */
async function* runStream(client: JasperClient, request: RunRequest): AsyncGenerator<RunEvent> {
  const { signal } = request;
  if (signal.aborted) return;
  let frames: AsyncIterableIterator<EventSourceMessage>;
  try {
    frames = await client.streamTask(request.task.id, buildRunBody(request), signal);
  } catch (error) {
    if (!signal.aborted) yield { type: 'error', error: asProviderError(error), partial: false };
    return;
  }
  try {
    yield { type: 'started' };
    yield* readRunEvents(frames, signal, client.errorContext);
  } finally {
    // Closes the connection when the consumer stops early, even right after `started`.
    await frames.return?.();
  }
}

async function* readRunEvents(frames: AsyncIterable<EventSourceMessage>, signal: AbortSignal, context: ErrorContext): AsyncGenerator<RunEvent> {
  const loading = new Set<string>();
  let partial = false;
  let frameCount = 0;
  let usage: Record<string, number> | undefined;
  try {
    for await (const message of frames) {
      frameCount++;
      const mapped = mapJasperFrame(message.data, { ...context, partial });
      if (mapped.usage) usage = { ...usage, ...mapped.usage };
      const event = mapped.event;
      if (!event) continue;
      if (event.type === 'step') {
        if (event.status === 'running') loading.add(event.id);
        else loading.delete(event.id);
      }
      if (event.type === 'text') partial = true;
      yield event;
      if (event.type === 'error') return;
    }
  } catch (error) {
    if (signal.aborted) return;
    const failure = asProviderError(error);
    // A connection that broke mid-run is a cut stream; time-outs and unreadable frames keep their own code.
    const reported = failure.code === 'network' ? cutError('The connection to Jasper broke before the run finished.', failure) : failure;
    yield { type: 'error', error: reported, partial };
    return;
  }
  if (signal.aborted) return;
  // Jasper sends no end event: a close with a step still loading, or with nothing at all, is a cut stream.
  if (loading.size > 0 || frameCount === 0) {
    yield { type: 'error', error: cutError('Jasper closed the stream before the run finished.'), partial };
    return;
  }
  yield usage ? { type: 'done', usage } : { type: 'done' };
}

function cutError(message: string, cause?: unknown): ProviderError {
  return new ProviderError('stream_cut', message, { cause });
}
