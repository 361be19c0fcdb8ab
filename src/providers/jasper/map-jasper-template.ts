/**
 * A Jasper template -> a TaskDefinition with `kind: 'template'`, its inputs mapped to the same InputField kinds as a
 * task's context items:
 *
 * | template input                                   | kind         |
 * |--------------------------------------------------|--------------|
 * | string with options                              | select       |
 * | string, component "textarea" or maxLength > 500  | long_text    |
 * | string                                           | text         |
 * | string[] with options                            | multi_select |
 * | string[]                                         | tags         |
 * | boolean                                          | checkbox     |
 * | number                                           | text         |
 * | knowledge[]                                      | knowledge    |
 *
 * Select options show the option's label; the run sends the option's value (see build-template-run-body.ts).
 * `upstreamType` holds the template type (`string`, `string[]`, `boolean`, `number`, `knowledge[]`), from `type` or,
 * for inputs keyed by `component`, from the component.
 */
import { slugify } from '../slug.js';
import type { InputField, InputKind, TaskDefinition } from '../types.js';
import { uniqueSlug, type ProviderLogger } from './map-jasper-task.js';
import type { JasperTemplate, JasperTemplateInput, JasperTemplateOption } from './template-schemas.js';

export const TEMPLATE_ID_PREFIX = 'skl_';

/** Whether an id names a template (`skl_...`) rather than a task (`agt_...` or a UUID). */
export const isTemplateId = (id: string): boolean => id.startsWith(TEMPLATE_ID_PREFIX);

/** Longer than this, a string input is asked for in several lines. */
export const LONG_TEXT_OVER = 500;

export type TemplateValueType = 'string' | 'string[]' | 'boolean' | 'number' | 'knowledge[]';

const TYPE_BY_COMPONENT: Record<string, TemplateValueType> = {
  input: 'string',
  text: 'string',
  textarea: 'string',
  select: 'string',
  dropdown: 'string',
  radio: 'string',
  multiselect: 'string[]',
  multi_select: 'string[]',
  tags: 'string[]',
  tags_input: 'string[]',
  checkbox: 'boolean',
  toggle: 'boolean',
  switch: 'boolean',
  number: 'number',
  knowledge: 'knowledge[]',
};

const KNOWN_TYPES = new Set<string>(['string', 'string[]', 'boolean', 'number', 'knowledge[]']);

/** The input's key: `inputKey`, or `id` in the component-keyed form. */
export function templateInputKey(input: JasperTemplateInput): string | undefined {
  return input.inputKey?.trim() || input.id?.trim() || undefined;
}

/** The template type of an input: its `type`, else what its component implies, else string. */
export function templateValueType(input: JasperTemplateInput): string {
  const type = input.type?.trim().toLowerCase();
  if (type) return type;
  const component = input.component?.trim().toLowerCase().replace(/[\s-]/g, '_');
  return (component && TYPE_BY_COMPONENT[component]) || 'string';
}

export const optionLabel = (option: JasperTemplateOption): string => (typeof option === 'string' ? option : option.label?.trim() || String(option.value));
export const optionValue = (option: JasperTemplateOption): string | number | boolean => (typeof option === 'string' ? option : option.value);

export function mapJasperTemplate(template: JasperTemplate, logger?: ProviderLogger): TaskDefinition {
  const used = new Set<string>();
  const inputs: InputField[] = [];
  for (const input of template.inputSchema ?? []) {
    const field = mapTemplateInput(input, template, used, logger);
    if (field && !inputs.some((i) => i.id === field.id)) inputs.push(field);
  }
  const categories = template.categories?.map((c) => (typeof c === 'string' ? c : c.name)) ?? (template.category ? [template.category] : []);
  const task: TaskDefinition = {
    provider: 'jasper',
    id: template.id,
    name: template.name,
    slug: slugify(template.name) || template.id,
    description: template.description ?? '',
    categories,
    inputs,
    kind: 'template',
  };
  if (template.scope) task.scope = template.scope;
  return task;
}

function mapTemplateInput(input: JasperTemplateInput, template: JasperTemplate, usedSlugs: Set<string>, logger?: ProviderLogger): InputField | undefined {
  const key = templateInputKey(input);
  if (!key) {
    logger?.warn('Jasper template input has neither inputKey nor id; left out', { templateId: template.id, label: input.label });
    return undefined;
  }
  const type = templateValueType(input);
  const options = (input.options ?? []).map(optionLabel);
  const component = input.component?.trim().toLowerCase();
  let kind: InputKind;
  if (type === 'string') {
    if (options.length > 0) kind = 'select';
    else kind = component === 'textarea' || (input.maxLength ?? 0) > LONG_TEXT_OVER ? 'long_text' : 'text';
  } else if (type === 'string[]') kind = options.length > 0 ? 'multi_select' : 'tags';
  else if (type === 'boolean') kind = 'checkbox';
  else if (type === 'knowledge[]') kind = 'knowledge';
  else {
    if (!KNOWN_TYPES.has(type)) logger?.warn('Jasper template input type not supported; asking for it as text', { templateId: template.id, inputKey: key, type });
    kind = 'text';
  }
  const name = input.label?.trim() || key;
  const field: InputField = {
    id: key,
    name,
    slug: uniqueSlug(slugify(name) || slugify(key) || 'input', usedSlugs),
    kind,
    question: name,
    required: input.required ?? false,
    upstreamType: type,
  };
  const hint = input.tooltip?.trim() || input.placeholder?.trim();
  if (hint) field.hint = hint;
  if (kind === 'select' || kind === 'multi_select') field.options = options;
  if (typeof input.maxLength === 'number') field.maxLength = input.maxLength;
  return field;
}
