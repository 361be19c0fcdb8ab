/**
 * Zod schemas for what Jasper sends, and the types of what we send. Lenient on purpose: the guide, the OpenAPI
 * description and real responses disagree, so only what the bot needs is required and unknown fields pass through.
 */
import { z } from 'zod';

/** Every context item type seen in Jasper's documents; others may appear and are kept as strings. */
export const JASPER_CONTEXT_ITEM_TYPES = ['INPUT', 'TEXTAREA', 'SELECT', 'MULTISELECT', 'KNOWLEDGE', 'TAGS_INPUT', 'CHECKBOX', 'IMAGE_ID', 'TOOL', 'CUSTOM'] as const;
export type JasperContextItemType = (typeof JASPER_CONTEXT_ITEM_TYPES)[number];

const option = z.union([z.string(), z.looseObject({ value: z.string(), label: z.string().nullish() })]);

export const jasperContextItemSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  type: z.string(),
  question: z.string().nullish(),
  tooltip: z.string().nullish(),
  required: z.boolean().nullish(),
  options: z.array(option).nullish(),
  maxLength: z.number().nullish(),
});
export type JasperContextItem = z.infer<typeof jasperContextItemSchema>;

const category = z.union([z.string(), z.looseObject({ name: z.string() })]);

export const jasperTaskSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  longDescription: z.string().nullish(),
  contextItems: z.array(jasperContextItemSchema).nullish(),
  version: z.number().nullish(),
  scope: z.string().nullish(),
  categories: z.array(category).nullish(),
});
export type JasperTask = z.infer<typeof jasperTaskSchema>;

const pageRef = z.union([z.string(), z.number()]).nullish();

export const jasperPaginationSchema = z.looseObject({
  totalRecords: z.number().nullish(),
  page: z.union([z.number(), z.string()]).nullish(),
  pageSize: z.number().nullish(),
  /** The next page number (a string in the OpenAPI description), or null on the last page. */
  next: pageRef,
  prev: pageRef,
});
export type JasperPagination = z.infer<typeof jasperPaginationSchema>;

/** A page of tasks. Each task is validated on its own (see `validTasks`): one malformed task must not hide the rest. */
export const jasperTaskListSchema = z.looseObject({
  requestId: z.string().nullish(),
  data: z.array(z.unknown()),
  pagination: jasperPaginationSchema.nullish(),
});
export type JasperTaskList = z.infer<typeof jasperTaskListSchema>;

export const jasperTaskResponseSchema = z.looseObject({ requestId: z.string().nullish(), data: jasperTaskSchema });

export const jasperKnowledgeItemSchema = z.looseObject({ id: z.string(), name: z.string().nullish() });
export const jasperKnowledgeListSchema = z.looseObject({
  data: z.array(jasperKnowledgeItemSchema),
  pagination: jasperPaginationSchema.nullish(),
});
export type JasperKnowledgeList = z.infer<typeof jasperKnowledgeListSchema>;

/** `POST /tasks/{id}/run` (synchronous). */
export const jasperRunResponseSchema = z.looseObject({
  requestId: z.string().nullish(),
  data: z.looseObject({
    output: z.array(z.looseObject({ type: z.string(), value: z.string() })),
    metadata: z.looseObject({ credits: z.looseObject({ cost: z.number().nullish() }).nullish() }).nullish(),
  }),
});
export type JasperRunResponse = z.infer<typeof jasperRunResponseSchema>;

// Stream frames (the `data` of each SSE message).

export const jasperStepFrameSchema = z.looseObject({
  step: z.looseObject({
    id: z.string(),
    /** "loading" | "completed" in the documents. */
    status: z.string(),
    label: z.string().nullish(),
    description: z.string().nullish(),
  }),
});

export const jasperContentFrameSchema = z.looseObject({
  content: z.string(),
  id: z.string().nullish(),
  role: z.string().nullish(),
  usage: z.unknown().optional(),
  contentId: z.string().nullish(),
});

/** Sent inside an HTTP 200 stream, e.g. `{ statusCode: 400, message: "app not found", error: "Bad Request" }`. */
export const jasperErrorFrameSchema = z.looseObject({
  statusCode: z.number(),
  message: z.union([z.string(), z.array(z.string())]).nullish(),
  error: z.string().nullish(),
});

// Request bodies.

/** A KNOWLEDGE item with an extraction prompt. */
export interface JasperKnowledgeRef {
  knowledgeId: string;
  knowledgeExtractionPrompt?: string;
}
export type JasperContextValue = string | string[] | JasperKnowledgeRef[];
export type JasperContextItemInput = { id: string; value: JasperContextValue } | { name: string; question: string; answer: string };

export interface JasperRunBody {
  contextItems: JasperContextItemInput[];
  version?: number;
  toLanguage?: string;
  knowledgeIds?: string[];
  toneId?: string;
  audienceId?: string;
  styleGuideId?: string;
}

export interface JasperTaskListQuery {
  page?: number;
  size?: number;
  includeContextItems?: boolean;
  includeCategories?: boolean;
  scope?: string;
  searchTerm?: string;
}

/** `POST /v1/command` (201): one or more generated texts. */
export const jasperCommandResponseSchema = z.looseObject({
  requestId: z.string().optional(),
  data: z.array(z.looseObject({ id: z.string().optional(), text: z.string() })),
});
export type JasperCommandResponse = z.infer<typeof jasperCommandResponseSchema>;
