/**
 * Jasper templates as tasks: listing them for the catalogue, getting one, and knowing a template's own description at
 * run time (a select input shows option labels but must send option values, which only the template holds).
 */
import { asProviderError } from '../errors.js';
import type { TaskDefinition } from '../types.js';
import type { JasperClient } from './jasper-client.js';
import type { ProviderLogger } from './map-jasper-task.js';
import { mapJasperTemplate } from './map-jasper-template.js';
import { readAllPages } from './pages.js';
import type { JasperTemplate } from './template-schemas.js';

/** Templates a list gave without their inputs are got one by one, this many at a time. */
const GET_CONCURRENCY = 4;

export interface TemplateCatalogue {
  /** Every template as a task; never rejects: on failure it logs and gives none, so tasks still list. */
  listForCatalogue(signal?: AbortSignal): Promise<TaskDefinition[]>;
  get(id: string, signal?: AbortSignal): Promise<TaskDefinition>;
  /** The template behind a task, when its run needs it (it has options to map); got from Jasper when not seen yet. */
  forRun(task: TaskDefinition, signal?: AbortSignal): Promise<JasperTemplate | undefined>;
}

export function createTemplateCatalogue(client: JasperClient, logger?: ProviderLogger): TemplateCatalogue {
  /** The latest description of each template seen: list and get refresh it. */
  const known = new Map<string, JasperTemplate>();

  async function fetchOne(id: string, signal?: AbortSignal): Promise<JasperTemplate> {
    const template = await client.getTemplate(id, signal);
    known.set(template.id, template);
    return template;
  }

  async function withInputs(listed: JasperTemplate[], signal?: AbortSignal): Promise<JasperTemplate[]> {
    const out: Array<JasperTemplate | undefined> = listed.map((t) => (t.inputSchema == null ? undefined : t));
    const missing = listed.map((t, i) => ({ t, i })).filter(({ i }) => out[i] === undefined);
    for (let start = 0; start < missing.length; start += GET_CONCURRENCY) {
      await Promise.all(
        missing.slice(start, start + GET_CONCURRENCY).map(async ({ t, i }) => {
          try {
            out[i] = await fetchOne(t.id, signal);
          } catch (error) {
            if (signal?.aborted) throw error;
            logger?.warn('Jasper template could not be read; left out of the catalogue', { templateId: t.id, error: asProviderError(error).message });
          }
        }),
      );
    }
    return out.filter((t): t is JasperTemplate => t !== undefined);
  }

  return {
    async listForCatalogue(signal) {
      try {
        const listed = await readAllPages('template', (page) => client.listTemplates(page === 1 ? {} : { page }, signal), logger);
        const full = await withInputs(listed, signal);
        for (const template of full) known.set(template.id, template);
        return full.map((template) => mapJasperTemplate(template, logger));
      } catch (error) {
        if (!signal?.aborted) logger?.warn('Jasper templates could not be listed; the catalogue shows tasks only', { error: asProviderError(error).message });
        return [];
      }
    },

    async get(id, signal) {
      return mapJasperTemplate(await fetchOne(id, signal), logger);
    },

    async forRun(task, signal) {
      if (!task.inputs.some((i) => i.kind === 'select' || i.kind === 'multi_select')) return undefined;
      return known.get(task.id) ?? fetchOne(task.id, signal);
    },
  };
}
