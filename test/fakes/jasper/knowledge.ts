/**
 * Knowledge uploads as the fake takes them: `POST /knowledge`, multipart, with `name`, `file`, `metadata` and `settings`
 * as JSON strings, `summary`, and `tags` (one field per tag, `tags[]`, or one JSON array string) -> 201 with
 * `processingState: "InProgress"`. It refuses (400, with a message) a body that is not multipart, a missing file or name,
 * fields it does not know, metadata or settings that are not JSON objects, an empty file, a file over its size limit and
 * a file of a content type it does not take.
 *
 * The limits: Jasper's documents state none for knowledge files, so the fake's defaults are the same assumption the
 * adapter makes (30 MB, the one upload limit Jasper documents, for background removal; text document types). Tests can
 * set others with the `knowledgeLimits` option.
 */
import { badRequest, isRecord } from './common.js';

const MB = 1024 * 1024;

export interface FakeKnowledgeLimits {
  maxBytes: number;
  /** Content types without parameters, e.g. "text/plain". */
  contentTypes: readonly string[];
}

export const FAKE_KNOWLEDGE_LIMITS: FakeKnowledgeLimits = {
  maxBytes: 30 * MB,
  contentTypes: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/plain',
    'text/markdown',
    'text/csv',
    'text/html',
  ],
};

/** A multipart body past the file limit by more than this is refused without being parsed. */
export const MULTIPART_OVERHEAD_BYTES = MB;

export interface FakeKnowledgeFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface KnowledgeUpload {
  name: string;
  tags: string[];
  summary?: string;
  metadata?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  file: FakeKnowledgeFile;
}

/** What `RecordedRequest.body` holds for a multipart request: fields as sent (repeated ones as lists), files without bytes. */
export interface RecordedForm {
  fields: Record<string, string | string[]>;
  files: Record<string, { fileName: string; contentType: string; size: number }>;
}

const FIELDS = new Set(['name', 'file', 'metadata', 'settings', 'summary', 'tags', 'tags[]']);

export function isMultipart(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().startsWith('multipart/form-data');
}

export async function readForm(contentType: string, body: Buffer): Promise<FormData> {
  try {
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw badRequest(`Malformed multipart body: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function recordForm(form: FormData): Promise<RecordedForm> {
  const fields: Record<string, string | string[]> = {};
  const files: RecordedForm['files'] = {};
  for (const [key, value] of form) {
    if (typeof value !== 'string') {
      files[key] = { fileName: value.name, contentType: value.type, size: value.size };
      continue;
    }
    const had = fields[key];
    fields[key] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return { fields, files };
}

function jsonObjectField(form: FormData, name: string, errors: string[]): Record<string, unknown> | undefined {
  const raw = form.get(name);
  if (raw === null) return undefined;
  if (typeof raw === 'string') {
    try {
      const value: unknown = JSON.parse(raw);
      if (isRecord(value)) return value;
    } catch {
      // reported below
    }
  }
  errors.push(`${name} must be a JSON string of an object`);
  return undefined;
}

function tagsOf(form: FormData, errors: string[]): string[] {
  const raw = [...form.getAll('tags'), ...form.getAll('tags[]')];
  if (raw.some((t) => typeof t !== 'string')) {
    errors.push('tags must be an array of strings');
    return [];
  }
  let tags = raw as string[];
  const only = tags[0];
  if (tags.length === 1 && only !== undefined && only.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(only);
      if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string')) throw new Error('not strings');
      tags = parsed;
    } catch {
      errors.push('tags must be an array of strings');
      return [];
    }
  }
  if (tags.some((t) => t.trim() === '')) errors.push('each value in tags should not be empty');
  return tags;
}

/** The upload, or a 400 naming everything wrong with it. */
export async function validateUpload(form: FormData, limits: FakeKnowledgeLimits): Promise<KnowledgeUpload> {
  const errors: string[] = [];
  const unknown = [...new Set(form.keys())].filter((k) => !FIELDS.has(k));
  errors.push(...unknown.map((k) => `property ${k} should not exist`));
  const name = form.get('name');
  if (typeof name !== 'string' || name.trim() === '') errors.push('name should not be empty', 'name must be a string');
  const summary = form.get('summary');
  if (summary !== null && typeof summary !== 'string') errors.push('summary must be a string');
  const metadata = jsonObjectField(form, 'metadata', errors);
  const settings = jsonObjectField(form, 'settings', errors);
  const tags = tagsOf(form, errors);
  const files = form.getAll('file');
  const file = files[0];
  if (files.length !== 1 || file === undefined || typeof file === 'string') {
    errors.push('file is required (one file, in the "file" field)');
    throw badRequest(errors);
  }
  const contentType = (file.type.split(';')[0] ?? '').trim().toLowerCase();
  if (!limits.contentTypes.includes(contentType)) {
    errors.push(`File type ${contentType || '(none)'} is not supported; supported types: ${limits.contentTypes.join(', ')}`);
  }
  if (file.size === 0) errors.push('file should not be empty');
  if (file.size > limits.maxBytes) errors.push(`File too large: ${file.size} bytes; the limit is ${limits.maxBytes} bytes`);
  if (errors.length > 0) throw badRequest(errors);
  const upload: KnowledgeUpload = {
    name: (name as string).trim(),
    tags,
    file: { fileName: file.name, contentType, bytes: new Uint8Array(await file.arrayBuffer()) },
  };
  if (typeof summary === 'string') upload.summary = summary;
  if (metadata) upload.metadata = metadata;
  if (settings) upload.settings = settings;
  return upload;
}

export function tooLarge(limits: FakeKnowledgeLimits, received: number) {
  return badRequest(`File too large: the request is at least ${received} bytes; the limit is ${limits.maxBytes} bytes`);
}
