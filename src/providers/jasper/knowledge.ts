/**
 * Knowledge uploads (`POST /knowledge`, multipart) and deletes (`DELETE /knowledge/{id}`), and the files we send.
 *
 * The limits are OUR ASSUMPTION: neither Jasper document states a size limit or the accepted types for knowledge
 * files. The one upload limit Jasper's API does document is 30 MB (for `image/remove-background`), so we take that as
 * the size bound rather than guess higher: refusing a file Jasper might have taken costs the user a clear message
 * before anything is sent, while guessing too high costs an upload that Jasper then refuses. The types are the text
 * document formats knowledge tools commonly take (PDF, Word .docx, plain text, Markdown, CSV, HTML); images, audio,
 * spreadsheets and slides are left out until Jasper says it reads them. Change both here when Jasper documents them.
 */
import { z } from 'zod';
import { ProviderError } from '../errors.js';
import type { KnowledgeItem, KnowledgeUpload } from '../types.js';

const MB = 1024 * 1024;

export const JASPER_KNOWLEDGE_LIMITS = {
  maxBytes: 30 * MB,
  contentTypes: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'text/plain',
    'text/markdown',
    'text/csv',
    'text/html',
  ],
} as const satisfies { maxBytes: number; contentTypes: readonly string[] };

/** What a created (201) or listed knowledge item looks like: `processingState` is e.g. "InProgress". */
export const jasperKnowledgeDocumentSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  processingState: z.string().nullish(),
});
export type JasperKnowledgeDocument = z.infer<typeof jasperKnowledgeDocumentSchema>;

/** `{ data: item }` (Jasper's envelope) or the bare item. */
export const jasperKnowledgeCreatedSchema = z.union([
  z.looseObject({ data: jasperKnowledgeDocumentSchema }),
  jasperKnowledgeDocumentSchema.transform((data) => ({ data })),
]);

/** `{ deleted: true }`, possibly in `{ data }`; an empty body (204) counts as deleted. */
export const jasperKnowledgeDeletedSchema = z.union([
  z.looseObject({ data: z.looseObject({ deleted: z.boolean() }) }).transform((body) => body.data),
  z.looseObject({ deleted: z.boolean() }),
]);

export interface JasperKnowledgeUpload {
  name: string;
  file: Blob;
  fileName: string;
  tags?: readonly string[];
  summary?: string;
  /** Sent as a JSON string. */
  metadata?: Record<string, unknown>;
  /** Sent as a JSON string. */
  settings?: Record<string, unknown>;
}

/** The multipart body: `name`, `file`, `metadata` and `settings` as JSON strings, `summary`, and one `tags` field per tag. */
export function knowledgeForm(upload: JasperKnowledgeUpload): FormData {
  const form = new FormData();
  form.set('name', upload.name);
  form.set('file', upload.file, upload.fileName);
  if (upload.summary) form.set('summary', upload.summary);
  for (const tag of upload.tags ?? []) form.append('tags', tag);
  if (upload.metadata) form.set('metadata', JSON.stringify(upload.metadata));
  if (upload.settings) form.set('settings', JSON.stringify(upload.settings));
  return form;
}

/** `text/plain; charset=utf-8` -> `text/plain`. */
export function baseContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function megabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Refuses, before anything is sent, a file Jasper would not take (by our limits above). */
export function checkKnowledgeFile(file: KnowledgeUpload, limits: { maxBytes: number; contentTypes: readonly string[] } = JASPER_KNOWLEDGE_LIMITS): void {
  const type = baseContentType(file.contentType);
  if (!limits.contentTypes.includes(type)) {
    throw new ProviderError('bad_request', `Jasper knowledge does not take files of type ${type || 'unknown'} ("${file.fileName}"); it takes PDF, Word (.docx), text, Markdown, CSV and HTML files.`);
  }
  if (file.bytes.byteLength > limits.maxBytes) {
    throw new ProviderError('bad_request', `"${file.fileName}" is ${megabytes(file.bytes.byteLength)}; Jasper knowledge takes files up to ${megabytes(limits.maxBytes)}.`);
  }
  if (file.bytes.byteLength === 0) throw new ProviderError('bad_request', `"${file.fileName}" is empty.`);
}

export function toJasperKnowledgeUpload(file: KnowledgeUpload): JasperKnowledgeUpload {
  const type = baseContentType(file.contentType);
  // A copy into a fresh ArrayBuffer: the Blob must not see later changes to the caller's bytes.
  const blob = new Blob([new Uint8Array(file.bytes)], { type });
  const tags = [...new Set(file.tags.map((t) => t.trim()).filter((t) => t !== ''))];
  return { name: file.name.trim() || file.fileName, file: blob, fileName: file.fileName, tags };
}

export function mapKnowledgeDocument(item: JasperKnowledgeDocument): KnowledgeItem {
  const out: KnowledgeItem = { id: item.id, name: item.name ?? item.id };
  if (item.tags) out.tags = [...item.tags];
  return out;
}
