import type { InputField, InputKind, TaskDefinition } from '../types.js';
import type { JasperContextItem, JasperTask } from './jasper-schemas.js';
import { slugify } from '../slug.js';

export interface ProviderLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

const KIND_BY_TYPE: Record<string, InputKind> = {
  INPUT: 'text',
  TEXTAREA: 'long_text',
  SELECT: 'select',
  MULTISELECT: 'multi_select',
  KNOWLEDGE: 'knowledge',
  TAGS_INPUT: 'tags',
  CHECKBOX: 'checkbox',
  // A documented free-text type: no warning.
  CUSTOM: 'text',
};

export function mapJasperTask(task: JasperTask, logger?: ProviderLogger): TaskDefinition {
  const used = new Set<string>();
  return {
    provider: 'jasper',
    id: task.id,
    name: task.name,
    slug: slugify(task.name) || task.id,
    description: task.description ?? '',
    scope: task.scope ?? undefined,
    categories: (task.categories ?? []).map((c) => (typeof c === 'string' ? c : c.name)),
    inputs: (task.contextItems ?? []).map((item) => mapContextItem(item, task, used, logger)),
  };
}

function mapContextItem(item: JasperContextItem, task: JasperTask, usedSlugs: Set<string>, logger?: ProviderLogger): InputField {
  const upstreamType = item.type.toUpperCase();
  const name = item.name?.trim() || item.question?.trim() || item.id;
  const options = item.options?.map((o) => (typeof o === 'string' ? o : o.value));
  let kind = KIND_BY_TYPE[upstreamType];
  if (kind === undefined) {
    logger?.warn('Jasper context item type not supported; asking for it as text', { taskId: task.id, itemId: item.id, type: item.type });
    kind = 'text';
  } else if ((kind === 'select' || kind === 'multi_select') && (options?.length ?? 0) === 0) {
    logger?.warn('Jasper select item has no options; asking for it as text', { taskId: task.id, itemId: item.id });
    kind = 'text';
  }
  const field: InputField = {
    id: item.id,
    name,
    slug: uniqueSlug(slugify(name) || slugify(item.id) || 'input', usedSlugs),
    kind,
    question: item.question?.trim() || name,
    required: item.required ?? false,
    upstreamType,
  };
  if (item.tooltip?.trim()) field.hint = item.tooltip.trim();
  if (options && (kind === 'select' || kind === 'multi_select')) field.options = options;
  if (typeof item.maxLength === 'number') field.maxLength = item.maxLength;
  return field;
}

/** `name=value` pairs address inputs by slug, so two inputs of one task must not share one. */
export function uniqueSlug(slug: string, used: Set<string>): string {
  let candidate = slug;
  for (let n = 2; used.has(candidate); n++) candidate = `${slug}-${n}`;
  used.add(candidate);
  return candidate;
}
