/**
 * Jasper templates: `{ id (skl_...), name, description, responseFormats, inputSchema: [...] }`. The OpenAPI description
 * keys each input by `inputKey` with a `type` (string | boolean | number | string[] | knowledge[]); other documents key it
 * by `id` with a `component`. Both are read; an input with neither key is skipped by the mapper.
 */
import { z } from 'zod';
import { jasperPaginationSchema } from './jasper-schemas.js';

export const jasperTemplateOptionSchema = z.union([
  z.string(),
  z.looseObject({ label: z.string().nullish(), value: z.union([z.string(), z.number(), z.boolean()]) }),
]);
export type JasperTemplateOption = z.infer<typeof jasperTemplateOptionSchema>;

export const jasperTemplateInputSchema = z.looseObject({
  inputKey: z.string().nullish(),
  id: z.string().nullish(),
  type: z.string().nullish(),
  component: z.string().nullish(),
  required: z.boolean().nullish(),
  maxLength: z.number().nullish(),
  label: z.string().nullish(),
  placeholder: z.string().nullish(),
  tooltip: z.string().nullish(),
  options: z.array(jasperTemplateOptionSchema).nullish(),
});
export type JasperTemplateInput = z.infer<typeof jasperTemplateInputSchema>;

const category = z.union([z.string(), z.looseObject({ name: z.string() })]);

export const jasperTemplateSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  /** Absent when a list leaves the inputs out: the provider then gets the template by id. */
  inputSchema: z.array(jasperTemplateInputSchema).nullish(),
  responseFormats: z.unknown().optional(),
  scope: z.string().nullish(),
  category: z.string().nullish(),
  categories: z.array(category).nullish(),
});
export type JasperTemplate = z.infer<typeof jasperTemplateSchema>;

export const jasperTemplateListSchema = z.looseObject({
  requestId: z.string().nullish(),
  data: z.array(jasperTemplateSchema),
  pagination: jasperPaginationSchema.nullish(),
});
export type JasperTemplateList = z.infer<typeof jasperTemplateListSchema>;

/** `{ data: template }`, or the bare template. */
export const jasperTemplateResponseSchema = z.union([
  z.looseObject({ requestId: z.string().nullish(), data: jasperTemplateSchema }),
  jasperTemplateSchema.transform((data) => ({ requestId: undefined, data })),
]);

/** `POST /templates/{id}/run` -> `{ data: [{ id, text }] }`. */
export const jasperTemplateRunResponseSchema = z.looseObject({
  requestId: z.string().nullish(),
  data: z.array(z.looseObject({ id: z.string().nullish(), text: z.string() })),
});
export type JasperTemplateRunResponse = z.infer<typeof jasperTemplateRunResponseSchema>;

/** A value as a template input takes it. */
export type JasperTemplateValue = string | number | boolean | Array<string | number | boolean>;

export interface JasperTemplateRunBody {
  inputs: Record<string, JasperTemplateValue> & {
    knowledgeIds?: string[];
    toneId?: string;
    styleId?: string;
    audienceId?: string;
  };
  options?: Record<string, unknown>;
}
