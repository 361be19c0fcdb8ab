import { ProviderError, asProviderError } from '../errors.js';
import type { ErrorContext } from '../http/http-error.js';
import type { EventSourceMessage } from '../http/sse.js';
import type { BrandOption, BrandOptionKind, KnowledgeItem, KnowledgeUpload, Provider, RunEvent, RunRequest, TaskDefinition, UsageSummary } from '../types.js';
import { listBrandOptions } from './brand-options.js';
import { mapTone } from './brand-schemas.js';
import { buildRunBody } from './build-run-body.js';
import { createJasperClient, type JasperClient, type JasperClientOptions } from './jasper-client.js';
import { JASPER_KNOWLEDGE_LIMITS, checkKnowledgeFile, mapKnowledgeDocument, toJasperKnowledgeUpload } from './knowledge.js';
import { jasperTaskSchema } from './jasper-schemas.js';
import { mapJasperFrame } from './map-jasper-event.js';
import { mapJasperTask, type ProviderLogger } from './map-jasper-task.js';
import { isTemplateId } from './map-jasper-template.js';
import { readAllPages } from './pages.js';
import { runTemplate } from './run-template.js';
import { createTemplateCatalogue } from './template-catalogue.js';
import { buildCommandBody } from './command.js';
import { runKeepWriting } from './keep-writing.js';
import { JASPER_IMAGE_LIMITS, checkImage, cutOutName, imageForm } from './image.js';
import { summariseUsage, usageGranularity } from './usage.js';
import { JASPER_LANGUAGES } from './languages.js';

export interface JasperProviderOptions extends JasperClientOptions {
  logger?: ProviderLogger;
  /** Offer Jasper templates beside tasks in `listTasks` (default true). `getTask` and `run` take template ids either way. */
  templates?: boolean;
}

const PAGE_SIZE = 100;

export function createJasperProvider(options: JasperProviderOptions): Provider {
  const { logger } = options;
  const client = createJasperClient({
    ...options,
    onOldUrlFormat:
      options.onOldUrlFormat ?? ((path) => logger?.warn('LowCodeAPI answers this path only in its old URL format (parameters in the query); using that from now on', { path })),
  });
  const templates = createTemplateCatalogue(client, logger);

  return {
    id: 'jasper',
    displayName: 'Jasper',
    settings: { key: 'JASPER_API_KEY', url: 'JASPER_API_URL' },

    /** Tasks, then templates (`kind: 'template'`). Templates are read beside the tasks; if they fail, tasks alone are listed (logged). */
    async listTasks(signal) {
      const templateList = options.templates === false ? Promise.resolve([]) : templates.listForCatalogue(signal);
      const listed = await readAllPages(
        'task',
        (page) => client.listTasks({ page, size: PAGE_SIZE, includeContextItems: true, includeCategories: true }, signal),
        logger,
      );
      const tasks = new Map<string, TaskDefinition>();
      for (const raw of listed) {
        const task = jasperTaskSchema.safeParse(raw);
        if (task.success) tasks.set(task.data.id, mapJasperTask(task.data, logger));
        // One malformed definition is left out (and logged), never the whole catalogue.
        else logger?.warn('Jasper task definition failed validation; left out of the catalogue', { problem: task.error.message.slice(0, 500) });
      }
      for (const template of await templateList) if (!tasks.has(template.id)) tasks.set(template.id, template);
      return [...tasks.values()];
    },

    /** A `skl_...` id is a template; anything else a task. */
    async getTask(id, signal) {
      if (isTemplateId(id)) return templates.get(id, signal);
      return mapJasperTask(await client.getTask(id, signal), logger);
    },

    run(request) {
      if (request.continuation?.mode === 'keep_writing') return runKeepWriting(client, request);
      if (request.task.kind === 'template' || isTemplateId(request.task.id)) {
        return runTemplate(client, request, () => templates.forRun(request.task, request.signal), logger);
      }
      return runStream(client, request);
    },

    brand: {
      listOptions(kind: BrandOptionKind, signal?: AbortSignal): Promise<BrandOption[]> {
        return listBrandOptions(client, kind, signal, logger);
      },
      languages: JASPER_LANGUAGES,
      async saveTone(tone, signal): Promise<BrandOption> {
        return mapTone(await client.saveTone(tone, signal));
      },
      deleteTone(id, signal): Promise<void> {
        return client.deleteTone(id, signal);
      },
      applyStyle(styleId, content, signal): Promise<string> {
        return client.applyStyle(styleId, content, signal);
      },
    },

    knowledge: {
      async search(query, signal): Promise<KnowledgeItem[]> {
        const q = query.trim();
        const list = await client.listKnowledge({ size: PAGE_SIZE, q: q ? `name:${q}` : undefined }, signal);
        return list.data.map((item) => ({ id: item.id, name: item.name ?? item.id }));
      },
      limits: JASPER_KNOWLEDGE_LIMITS,
      /** Refuses a file over the limit or of another type before sending anything (bad_request, with the reason). */
      async upload(file: KnowledgeUpload, signal?: AbortSignal): Promise<KnowledgeItem> {
        checkKnowledgeFile(file);
        return mapKnowledgeDocument(await client.uploadKnowledge(toJasperKnowledgeUpload(file), signal));
      },
      async delete(id: string, signal?: AbortSignal): Promise<void> {
        await client.deleteKnowledge(id, signal);
      },
    },

    usage: {
      async summary(range, signal): Promise<UsageSummary> {
        const answer = await client.usage({ ...range, granularity: usageGranularity(range.start, range.end) }, signal);
        return summariseUsage(answer, range);
      },
    },

    completion: {
      async complete(prompt, signal): Promise<string> {
        const answer = await client.command(prompt, signal);
        return answer.data.map((item) => item.text).join('\n');
      },
      async command(request, signal): Promise<string> {
        const answer = await client.runCommand(buildCommandBody(request), signal);
        const text = answer.data.map((item) => item.text).filter((t) => t.trim() !== '').join('\n\n');
        if (!text) throw new ProviderError('invalid_response', 'Jasper answered the command with no text.');
        return text;
      },
    },

    images: {
      limits: JASPER_IMAGE_LIMITS,
      /** Refuses an image over the limit or of another type before sending anything (bad_request, with the reason). */
      async removeBackground(image, signal) {
        checkImage(image);
        const answer = await client.removeBackground(imageForm(image), signal);
        return { fileName: cutOutName(image.fileName), contentType: answer.contentType, bytes: answer.bytes };
      },
    },
  };
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
