/**
 * Templates as the fake serves them: `GET /templates` (no query parameters), `GET /templates/{id}`, and
 * `POST /templates/{id}/run` with `{ inputs: { <inputKey>: value, ..., knowledgeIds?, toneId?, styleId?, audienceId? },
 * options? }` -> 201 `{ data: [{ id, text }] }`. A run is refused (400) for fields other than `inputs` and `options`, an
 * input the template does not have, a value of the wrong type (string, boolean, number, string[], knowledge[]), a string
 * past its `maxLength`, a value that is not one of the option VALUES (labels are refused), and an empty required input.
 * Inputs keyed by `id` with a `component` (the other documented form) are validated by what the component implies.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, isRecord, isStringArray, notFound, rejectUnknownQuery } from './common.js';

export interface FakeTemplateOption {
  label: string;
  value: string;
}

export interface FakeTemplateInput {
  /** The OpenAPI form keys an input by `inputKey` with a `type`... */
  inputKey?: string;
  type?: 'string' | 'boolean' | 'number' | 'string[]' | 'knowledge[]' | string;
  /** ...other documents by `id` with a `component` (input, textarea, select, multiselect, checkbox, number, knowledge). */
  id?: string;
  component?: string;
  required: boolean;
  maxLength?: number | null;
  label: string;
  placeholder?: string | null;
  tooltip?: string | null;
  options?: FakeTemplateOption[];
}

export interface FakeTemplate {
  id: string;
  name: string;
  description: string;
  responseFormats?: string[];
  inputSchema: FakeTemplateInput[];
}

/** Every template input type, keyed by `inputKey`, with an "Additional context" input. */
export const BLOG_INTRO_TEMPLATE: FakeTemplate = {
  id: 'skl_01HBLOGINTRO',
  name: 'Blog Post Intro Paragraph',
  description: 'Blast through writer’s block with an engaging opening paragraph.',
  responseFormats: ['text'],
  inputSchema: [
    { inputKey: 'blogTitle', type: 'string', required: true, maxLength: 200, label: 'Blog title', placeholder: 'Five ways AI helps marketers', tooltip: null },
    { inputKey: 'audience', type: 'string', required: false, maxLength: 200, label: 'Audience', placeholder: 'Marketing managers', tooltip: 'Who reads it?' },
    {
      inputKey: 'voice',
      type: 'string',
      required: false,
      maxLength: null,
      label: 'Voice',
      placeholder: null,
      tooltip: null,
      options: [
        { label: 'Friendly and warm', value: 'friendly' },
        { label: 'Professional', value: 'professional' },
      ],
    },
    { inputKey: 'keywords', type: 'string[]', required: false, maxLength: null, label: 'Keywords', placeholder: null, tooltip: null },
    {
      inputKey: 'channels',
      type: 'string[]',
      required: false,
      label: 'Channels',
      options: [
        { label: 'Company blog', value: 'blog' },
        { label: 'LinkedIn article', value: 'linkedin' },
      ],
    },
    { inputKey: 'includeCta', type: 'boolean', required: false, label: 'Include a call to action' },
    { inputKey: 'paragraphs', type: 'number', required: false, label: 'Paragraphs' },
    { inputKey: 'sources', type: 'knowledge[]', required: false, label: 'Knowledge to use' },
    { inputKey: 'additionalContext', type: 'string', required: false, maxLength: 2000, label: 'Additional context', placeholder: 'Anything else to know' },
  ],
};

/** Keyed by `id` and `component`, with no context input: a continuation goes into the main text input. */
export const PRODUCT_DESCRIPTION_TEMPLATE: FakeTemplate = {
  id: 'skl_01HPRODUCTDESC',
  name: 'Product Description',
  description: 'Turn product details into a description that sells.',
  inputSchema: [
    { id: 'productName', component: 'input', required: true, maxLength: 100, label: 'Product name' },
    { id: 'productDetails', component: 'textarea', required: true, maxLength: 1000, label: 'Product details', tooltip: 'Features, materials, sizes' },
    {
      id: 'platform',
      component: 'select',
      required: false,
      label: 'Platform',
      options: [
        { label: 'Amazon', value: 'amazon' },
        { label: 'Shopify store', value: 'shopify' },
      ],
    },
    { id: 'giftable', component: 'checkbox', required: false, label: 'Giftable?' },
  ],
};

export const DEFAULT_TEMPLATES: FakeTemplate[] = [BLOG_INTRO_TEMPLATE, PRODUCT_DESCRIPTION_TEMPLATE];

export const DEFAULT_TEMPLATE_OUTPUT_TEXT =
  'Writer’s block ends here. In the next five minutes you will see how AI turns a blank page into a first draft — and why the best marketers already work this way. ✨';

export type TemplateOutput = string | ((template: FakeTemplate, inputs: Record<string, unknown>) => string);

const TYPE_BY_COMPONENT: Record<string, string> = {
  input: 'string',
  text: 'string',
  textarea: 'string',
  select: 'string',
  multiselect: 'string[]',
  tags: 'string[]',
  checkbox: 'boolean',
  number: 'number',
  knowledge: 'knowledge[]',
};

const BRAND_INPUTS = new Set(['knowledgeIds', 'toneId', 'styleId', 'audienceId']);

const keyOf = (input: FakeTemplateInput): string => input.inputKey ?? input.id ?? '';
const typeOf = (input: FakeTemplateInput): string => input.type ?? TYPE_BY_COMPONENT[input.component ?? ''] ?? 'string';

export function findTemplate(templates: FakeTemplate[], id: string): FakeTemplate {
  const template = templates.find((t) => t.id === id);
  if (!template) throw notFound('Template not found');
  return template;
}

export function listTemplates(params: URLSearchParams, templates: FakeTemplate[], withInputs: boolean) {
  rejectUnknownQuery(params, []);
  const data = templates.map((t) => (withInputs ? t : (({ inputSchema: _, ...rest }) => rest)(t)));
  return { requestId: randomUUID(), resource: 'templates', data };
}

export function getTemplate(templates: FakeTemplate[], id: string) {
  return { requestId: randomUUID(), resource: 'templates', data: findTemplate(templates, id) };
}

export function runTemplate(template: FakeTemplate, body: Record<string, unknown>, output: TemplateOutput) {
  const errors = Object.keys(body)
    .filter((k) => k !== 'inputs' && k !== 'options')
    .map((k) => `property ${k} should not exist`);
  if (body.options !== undefined && !isRecord(body.options)) errors.push('options must be an object');
  const inputs = body.inputs;
  if (!isRecord(inputs)) throw badRequest([...errors, 'inputs must be an object']);
  for (const key of ['toneId', 'styleId', 'audienceId']) if (inputs[key] !== undefined && typeof inputs[key] !== 'string') errors.push(`inputs.${key} must be a string`);
  if (inputs.knowledgeIds !== undefined && !isStringArray(inputs.knowledgeIds)) errors.push('inputs.knowledgeIds must be an array of strings');
  const keys = new Set(template.inputSchema.map(keyOf));
  for (const key of Object.keys(inputs)) if (!keys.has(key) && !BRAND_INPUTS.has(key)) errors.push(`inputs.${key} is not an input of this template`);
  for (const input of template.inputSchema) {
    const key = keyOf(input);
    const value = inputs[key];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (input.required) errors.push(`inputs.${key} should not be empty`);
      continue;
    }
    const problem = checkValue(input, value);
    if (problem) errors.push(`inputs.${key} ${problem}`);
  }
  if (errors.length > 0) throw badRequest(errors);
  const text = typeof output === 'function' ? output(template, inputs) : output;
  return { requestId: randomUUID(), resource: 'templates', data: [{ id: randomUUID(), text }] };
}

function checkValue(input: FakeTemplateInput, value: unknown): string | undefined {
  const values = input.options?.map((o) => o.value);
  const oneOf = values ? `must be one of the following values: ${values.join(', ')}` : '';
  switch (typeOf(input)) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean value';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number conforming to the specified constraints';
    case 'string[]':
      if (!isStringArray(value)) return 'must be an array of strings';
      return values && !value.every((v) => values.includes(v)) ? `each value ${oneOf}` : undefined;
    case 'knowledge[]':
      return isStringArray(value) && value.every((v) => v.trim() !== '') ? undefined : 'must be an array of knowledge ids';
    default:
      if (typeof value !== 'string') return 'must be a string';
      if (typeof input.maxLength === 'number' && value.length > input.maxLength) return `must be shorter than or equal to ${input.maxLength} characters`;
      return values && !values.includes(value) ? oneOf : undefined;
  }
}
