/** The files.uploadV2 flow: files.getUploadURLExternal, the upload itself, files.completeUploadExternal. */
import { z } from 'zod';
import { checkBlocks, normalizeBlocks } from '../blocks.js';
import { randomId, type SlackState } from '../state.js';
import type { JsonObject, StoredFile } from '../types.js';
import { postBotMessage } from './chat.js';
import { fail, failWith, type Handler, isTs, nonEmpty, ok, parseArgs, postable, resolveThread, snum, sstr } from './common.js';

const GetUrlArgs = z.looseObject({
  filename: z.string().optional(),
  length: snum.optional(),
  alt_text: z.string().max(1000).optional(),
  snippet_type: z.string().optional(),
});
const CompleteArgs = z.looseObject({
  files: z.array(z.strictObject({ id: z.string(), title: z.string().optional(), highlight_type: z.string().optional() })).min(1).optional(),
  channel_id: sstr.optional(),
  channels: sstr.optional(),
  thread_ts: sstr.optional(),
  initial_comment: z.string().optional(),
  blocks: z.unknown().optional(),
});

const getUploadURLExternal: Handler = (args, { state, baseUrl }) => {
  const p = parseArgs(GetUrlArgs, args);
  if (!p.ok) return p.result;
  const { filename, length } = p.data;
  if (!nonEmpty(filename)) return failWith('invalid_arguments', ['missing required field: filename']);
  if (length === undefined || !Number.isInteger(length) || length < 1) return failWith('invalid_arguments', ['missing required field: length']);
  const id = randomId('F', 5);
  state.files.set(id, {
    id,
    filename,
    length,
    uploaded: false,
    completed: false,
    ...(p.data.alt_text !== undefined ? { alt_text: p.data.alt_text } : {}),
    ...(p.data.snippet_type !== undefined ? { snippet_type: p.data.snippet_type } : {}),
  });
  return ok({ upload_url: `${baseUrl}upload/v1/${id}`, file_id: id });
};

/** The upload POST: raw bytes or a multipart form (what WebClient sends). Answers like Slack: `OK - <bytes>`. */
export function receiveUpload(state: SlackState, fileId: string, content: Buffer): { status: number; text: string } {
  const file = state.files.get(fileId);
  if (!file || file.completed) return { status: 404, text: 'file_not_found' };
  file.content = content;
  file.uploaded = true;
  return { status: 200, text: `OK - ${content.length}` };
}

const completeUploadExternal: Handler = (args, ctx) => {
  const p = parseArgs(CompleteArgs, args);
  if (!p.ok) return p.result;
  const a = p.data;
  const { state } = ctx;
  if (!a.files) return failWith('invalid_arguments', ['missing required field: files']);
  const files: StoredFile[] = [];
  for (const f of a.files) {
    const stored = state.files.get(f.id);
    if (!stored || !stored.uploaded || stored.completed) return fail('file_not_found');
    files.push(stored);
  }
  const channel = a.channel_id ?? a.channels;
  if (channel !== undefined) {
    const access = postable(state, channel);
    if ('error' in access) return fail(access.error);
  }
  if (a.thread_ts !== undefined && (!isTs(a.thread_ts) || channel === undefined)) return fail('invalid_thread_ts');
  let blocks: JsonObject[] | undefined;
  if (a.blocks !== undefined) {
    const check = checkBlocks(a.blocks, 50);
    if (check.error) return failWith(check.error, check.messages);
    blocks = normalizeBlocks(a.blocks as JsonObject[]);
  }
  a.files.forEach((f, i) => {
    const stored = files[i] as StoredFile;
    stored.completed = true;
    stored.title = f.title ?? stored.filename;
    if (channel !== undefined) stored.channel = channel;
    if (a.thread_ts !== undefined) stored.thread_ts = a.thread_ts;
    if (a.initial_comment !== undefined) stored.initial_comment = a.initial_comment;
  });
  if (channel !== undefined) {
    const thread = a.thread_ts !== undefined ? resolveThread(state, channel, a.thread_ts) : undefined;
    postBotMessage(
      ctx,
      channel,
      { text: a.initial_comment ?? '', ...(blocks ? { blocks } : {}) },
      {
        files: files.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename })),
        ...(thread ? { thread_ts: thread.threadTs, ...(thread.orphan ? { orphan: true } : {}) } : {}),
      },
      'files.completeUploadExternal',
    );
  }
  return ok({
    files: files.map((f) => ({
      id: f.id,
      name: f.filename,
      title: f.title ?? f.filename,
      mimetype: 'text/plain',
      filetype: 'text',
      size: f.content?.length ?? f.length,
      user: state.botUserId,
      created: Math.floor(Date.now() / 1000),
    })),
  });
};

/** What `files.info` and message events say of a file: Slack's shape, with a private URL that needs the bot token. */
export function fileObject(file: StoredFile, baseUrl: string): JsonObject {
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    mimetype: file.mimetype ?? 'application/octet-stream',
    filetype: file.filename.split('.').pop() ?? '',
    size: file.content?.length ?? file.length,
    user: file.user ?? '',
    ...(file.width !== undefined && file.height !== undefined ? { original_w: file.width, original_h: file.height } : {}),
    url_private: `${baseUrl}files-pri/${file.id}/${encodeURIComponent(file.filename)}`,
    url_private_download: `${baseUrl}files-pri/${file.id}/download/${encodeURIComponent(file.filename)}`,
  };
}

const info: Handler = (args, { state, baseUrl }) => {
  const file = typeof args.file === 'string' ? state.files.get(args.file) : undefined;
  if (!file) return fail('file_not_found');
  return ok({ file: fileObject(file, baseUrl) });
};

export const fileMethods: Record<string, Handler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.info': info,
  'files.completeUploadExternal': completeUploadExternal,
};
