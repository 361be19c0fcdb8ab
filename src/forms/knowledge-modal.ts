import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { splitList } from '../inputs/field-kind.js';
import { formatCount, PLAIN_TEXT_INPUT_MAX, PRIVATE_METADATA, SECTION_TEXT, truncate } from './limits.js';
import { escapeMrkdwn } from './untrusted.js';

export const KNOWLEDGE_UPLOAD_CALLBACK = 'knowledge_upload';
export const KNOWLEDGE_BLOCK = { name: 'knowledge.name', tags: 'knowledge.tags' } as const;
export const KNOWLEDGE_NAME_ACTION_ID = 'knowledge_name';
export const KNOWLEDGE_TAGS_ACTION_ID = 'knowledge_tags';
/** Longest knowledge name the modal takes. */
export const KNOWLEDGE_NAME_MAX = 200;
export const KNOWLEDGE_NAME_REQUIRED = 'Give it a name.';

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

/** "Q3 launch brief.pdf" -> "Q3 launch brief". */
function baseName(fileName: string): string {
  return fileName.replace(/\.[^./\\]{1,10}$/, '').trim() || fileName.trim();
}

export interface KnowledgeModalArgs {
  /** The shared file's name, shown at the top. */
  fileName: string;
  /** The name to offer (the file's name without its extension when empty). */
  suggestedName: string;
  /** Where the upload comes from (file id, channel...), encoded by the caller; at most 3000 characters. */
  metadata: string;
}

/**
 * The small modal that confirms adding a shared file to Jasper's knowledge: the name (pre-filled, required, at most
 * 200 characters) and optional tags (separated with commas). Read the submission with `readKnowledgeModal`.
 * Throws when `metadata` is longer than a view keeps.
 */
export function buildKnowledgeModal({ fileName, suggestedName, metadata }: KnowledgeModalArgs): ModalView {
  if (metadata.length > PRIVATE_METADATA) throw new Error(`Knowledge modal metadata is ${metadata.length} characters`);
  const name = truncate((suggestedName.trim() || baseName(fileName)).replace(/\s+/g, ' '), KNOWLEDGE_NAME_MAX);
  const file = fileName.trim() || 'the file';
  return {
    type: 'modal',
    callback_id: KNOWLEDGE_UPLOAD_CALLBACK,
    title: plain('Add to knowledge'),
    submit: plain('Upload'),
    close: plain('Cancel'),
    private_metadata: metadata,
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: truncate(`📎 Jasper will learn from *${escapeMrkdwn(truncate(file, 500))}*, for everyone in the workspace.`, SECTION_TEXT),
          },
        ],
      },
      {
        type: 'input',
        block_id: KNOWLEDGE_BLOCK.name,
        label: plain('Name'),
        element: {
          type: 'plain_text_input',
          action_id: KNOWLEDGE_NAME_ACTION_ID,
          max_length: KNOWLEDGE_NAME_MAX,
          ...(name !== '' && { initial_value: name }),
        },
      },
      {
        type: 'input',
        block_id: KNOWLEDGE_BLOCK.tags,
        optional: true,
        label: plain('Tags'),
        hint: plain('Separate with commas, e.g. "brand, 2025, launch"'),
        element: { type: 'plain_text_input', action_id: KNOWLEDGE_TAGS_ACTION_ID, max_length: PLAIN_TEXT_INPUT_MAX },
      },
    ],
  };
}

const actionState = z.looseObject({ value: z.string().nullish() });
const stateSchema = z.record(z.string(), z.record(z.string(), actionState));

export type KnowledgeSubmission =
  | { ok: true; name: string; tags: string[] }
  /** Keyed by block id, ready for `ack({ response_action: 'errors', errors })`. */
  | { ok: false; errors: Record<string, string> };

function typed(state: z.infer<typeof stateSchema>, blockId: string): string {
  const block = state[blockId];
  return (block ? Object.values(block)[0]?.value : undefined) ?? '';
}

/**
 * Reads the submitted knowledge modal (`view.state.values`): the name, trimmed (required, at most 200 characters),
 * and the tags, split at commas, trimmed, without blanks or repeats. Throws when `stateValues` is not Slack's view state.
 */
export function readKnowledgeModal(stateValues: unknown): KnowledgeSubmission {
  const state = stateSchema.parse(stateValues);
  const name = typed(state, KNOWLEDGE_BLOCK.name).replace(/\s+/g, ' ').trim();
  const errors: Record<string, string> = {};
  if (name === '') errors[KNOWLEDGE_BLOCK.name] = KNOWLEDGE_NAME_REQUIRED;
  else if (name.length > KNOWLEDGE_NAME_MAX) {
    errors[KNOWLEDGE_BLOCK.name] =
      `Keep the name under ${formatCount(KNOWLEDGE_NAME_MAX)} characters (now ${formatCount(name.length)}).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const seen = new Set<string>();
  const tags = splitList(typed(state, KNOWLEDGE_BLOCK.tags)).filter((t) => {
    const key = t.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: true, name, tags };
}

/** Well-known document types: MIME type, the extensions that mean it, and how people call it. */
const KNOWN_TYPES: ReadonlyArray<{ mime: string; extensions: readonly string[]; label: string }> = [
  { mime: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'DOCX' },
  { mime: 'application/msword', extensions: ['doc'], label: 'DOC' },
  { mime: 'text/plain', extensions: ['txt', 'text'], label: 'TXT' },
  { mime: 'text/markdown', extensions: ['md', 'markdown'], label: 'Markdown' },
  { mime: 'text/csv', extensions: ['csv'], label: 'CSV' },
  { mime: 'text/html', extensions: ['html', 'htm'], label: 'HTML' },
  { mime: 'application/json', extensions: ['json'], label: 'JSON' },
  { mime: 'application/rtf', extensions: ['rtf'], label: 'RTF' },
  { mime: 'text/rtf', extensions: ['rtf'], label: 'RTF' },
  { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extensions: ['pptx'], label: 'PPTX' },
  { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'], label: 'PPT' },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'XLSX' },
  { mime: 'application/vnd.ms-excel', extensions: ['xls'], label: 'XLS' },
  { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], label: 'ODT' },
  { mime: 'application/epub+zip', extensions: ['epub'], label: 'EPUB' },
  { mime: 'application/xml', extensions: ['xml'], label: 'XML' },
  { mime: 'text/xml', extensions: ['xml'], label: 'XML' },
  { mime: 'image/png', extensions: ['png'], label: 'PNG' },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  { mime: 'image/gif', extensions: ['gif'], label: 'GIF' },
  { mime: 'image/webp', extensions: ['webp'], label: 'WebP' },
];

const normalMime = (mime: string) => mime.split(';')[0]?.trim().toLowerCase() ?? '';
const extensionOf = (fileName: string) => /\.([^./\\\s]{1,16})$/.exec(fileName.trim())?.[1]?.toLowerCase();

function mimeMatches(accepted: string, mime: string): boolean {
  if (accepted === '*/*' || accepted === mime) return true;
  return accepted.endsWith('/*') && mime.startsWith(accepted.slice(0, -1));
}

/** "PDF" for "application/pdf" or ".pdf"; otherwise the type's own short name. */
function typeLabel(entry: string): string {
  if (!entry.includes('/')) return entry.replace(/^\./, '').toUpperCase();
  const mime = normalMime(entry);
  const known = KNOWN_TYPES.find((t) => t.mime === mime)?.label;
  if (known) return known;
  const [kind, sub = ''] = mime.split('/');
  if (sub === '*') return `any ${kind} file`;
  return sub.replace(/^(vnd\.|x-)/, '').toUpperCase();
}

const MB = 1024 * 1024;
const UNITS: ReadonlyArray<readonly [number, string]> = [
  [1024 * MB, 'GB'],
  [MB, 'MB'],
  [1024, 'KB'],
];

function sizeIn(bytes: number, unit: number, name: string, decimals: number): string {
  const value = Number((bytes / unit).toFixed(decimals));
  return `${value.toLocaleString('en-US', { maximumFractionDigits: decimals })} ${name}`;
}

const unitFor = (bytes: number) => UNITS.find(([u]) => bytes >= u) ?? [1, 'bytes'];

/** "50 MB", "72 MB", "50.4 MB" (more precise when the rounded size would read the same as the limit). */
function sizes(bytes: number, limit: number): { file: string; limit: string } {
  const [limitUnit, limitName] = unitFor(limit);
  const limitText = sizeIn(limit, limitUnit, limitName, Number.isInteger(limit / limitUnit) ? 0 : 1);
  const [unit, name] = unitFor(bytes);
  const precisions = unit === 1 ? [0] : bytes / unit >= 10 ? [0, 1, 2] : [1, 2];
  for (const decimals of precisions) {
    const file = sizeIn(bytes, unit, name, decimals);
    if (file !== limitText) return { file, limit: limitText };
  }
  return { file: `just over ${limitText}`, limit: limitText };
}

/**
 * Why a file cannot be added to knowledge, or null when it can: the wrong type ("Jasper can't read .exe files; it
 * takes PDF, DOCX, TXT."), too big ("Jasper accepts files up to 50 MB; this one is 72 MB.") or empty. A type is
 * accepted when the file's MIME type or extension is one of `contentTypes` (MIME types, `type/*`, or extensions);
 * an empty `contentTypes` accepts any type.
 */
export function knowledgeFileProblem(
  file: { name: string; size: number; mimetype?: string },
  limits: { maxBytes: number; contentTypes: readonly string[] },
): string | null {
  const accepted = limits.contentTypes.map((t) => t.trim()).filter(Boolean);
  if (accepted.length > 0) {
    const mimes = accepted.filter((t) => t.includes('/')).map(normalMime);
    const extensions = new Set(accepted.filter((t) => !t.includes('/')).map((t) => t.replace(/^\./, '').toLowerCase()));
    const ext = extensionOf(file.name);
    const mime = file.mimetype ? normalMime(file.mimetype) : undefined;
    const byMime = mime !== undefined && mimes.some((a) => mimeMatches(a, mime));
    const byExtension =
      ext !== undefined &&
      (extensions.has(ext) ||
        KNOWN_TYPES.some((t) => t.extensions.includes(ext) && mimes.some((a) => mimeMatches(a, t.mime))));
    const mimeAsExtension =
      mime !== undefined && KNOWN_TYPES.some((t) => t.mime === mime && t.extensions.some((e) => extensions.has(e)));
    if (!byMime && !byExtension && !mimeAsExtension) {
      const takes = [...new Set(accepted.map(typeLabel))].join(', ');
      const what = ext
        ? `.${ext} files`
        : mime && mime !== 'application/octet-stream'
          ? `this kind of file (${mime})`
          : 'this file (its type is not clear)';
      return `Jasper can't read ${what}; it takes ${takes}.`;
    }
  }
  if (file.size === 0) return "This file is empty: there's nothing in it for Jasper to learn.";
  if (file.size > limits.maxBytes) {
    const { file: size, limit } = sizes(file.size, limits.maxBytes);
    return `Jasper accepts files up to ${limit}; this one is ${size}.`;
  }
  return null;
}
