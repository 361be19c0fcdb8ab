/** chat.startStream, chat.appendStream, chat.stopStream: agent message streaming. */
import { z } from 'zod';
import { checkBlocks, normalizeBlocks } from '../blocks.js';
import { type Chunk, checkChunks } from '../chunks.js';
import type { ApiResult, JsonObject, StoredMessage, StreamState } from '../types.js';
import { postBotMessage } from './chat.js';
import {
  checkMetadata,
  fail,
  failWith,
  type Handler,
  isTs,
  type MethodContext,
  nonEmpty,
  ok,
  parseArgs,
  postable,
  resolveThread,
  sstr,
  toSlackMessage,
} from './common.js';

export const CARDS_ONLY_TEXT = 'This message contains interactive elements.';

const StartArgs = z.looseObject({
  channel: sstr.optional(),
  thread_ts: sstr.optional(),
  markdown_text: z.string().optional(),
  chunks: z.unknown().optional(),
  recipient_user_id: sstr.optional(),
  recipient_team_id: sstr.optional(),
  task_display_mode: z.enum(['timeline', 'plan', 'dense']).optional(),
});
const AppendArgs = z.looseObject({
  channel: sstr.optional(),
  ts: sstr.optional(),
  markdown_text: z.string().optional(),
  chunks: z.unknown().optional(),
});
const StopArgs = AppendArgs.extend({ blocks: z.unknown().optional(), metadata: z.unknown().optional() });

type Content = { ok: true; chunks: Chunk[] } | { ok: false; result: ApiResult };

function readContent(markdown: string | undefined, chunks: unknown): Content {
  if (markdown !== undefined && markdown.length > 12_000) return { ok: false, result: fail('msg_too_long') };
  if (chunks === undefined) return { ok: true, chunks: [] };
  const check = checkChunks(chunks);
  return check.ok ? { ok: true, chunks: check.chunks } : { ok: false, result: failWith('invalid_chunks', check.messages) };
}

function apply(stream: StreamState, markdown: string | undefined, chunks: readonly Chunk[]): void {
  if (markdown) stream.markdown += markdown;
  for (const c of chunks) {
    if (c.type === 'markdown_text') stream.markdown += c.text;
    else if (c.type === 'plan_update') stream.planTitle = c.title;
    else if (c.type === 'blocks') stream.blocks.push(...normalizeBlocks(c.blocks as JsonObject[]));
    else {
      const task = stream.tasks.find((t) => t.id === c.id);
      // title and status replace; details append; output and sources are set.
      if (!task) {
        stream.tasks.push({ id: c.id, title: c.title, status: c.status, ...(c.details !== undefined ? { details: c.details } : {}), ...(c.output !== undefined ? { output: c.output } : {}), ...(c.sources ? { sources: c.sources } : {}) });
      } else {
        task.title = c.title;
        task.status = c.status;
        if (c.details !== undefined) task.details = (task.details ?? '') + c.details;
        if (c.output !== undefined) task.output = c.output;
        if (c.sources) task.sources = c.sources;
      }
    }
  }
}

const startStream: Handler = (args, ctx) => {
  const p = parseArgs(StartArgs, args);
  if (!p.ok) return p.result;
  const a = p.data;
  if (ctx.state.streaming !== true) return fail(ctx.state.streaming);
  const access = postable(ctx.state, a.channel);
  if ('error' in access) return fail(access.error);
  if (!nonEmpty(a.thread_ts) || !isTs(a.thread_ts)) return fail('invalid_thread_ts');
  if (!access.channel.isIm) {
    if (!nonEmpty(a.recipient_user_id)) return fail('missing_recipient_user_id');
    if (!nonEmpty(a.recipient_team_id)) return fail('missing_recipient_team_id');
  }
  const content = readContent(a.markdown_text, a.chunks);
  if (!content.ok) return content.result;
  const thread = resolveThread(ctx.state, a.channel as string, a.thread_ts);
  const stream: StreamState = {
    state: 'in_progress',
    taskDisplayMode: a.task_display_mode ?? 'timeline',
    markdown: '',
    tasks: [],
    blocks: [],
    stopBlocks: [],
    startedAt: Date.now(),
    appends: 0,
    stoppedByUser: false,
    expired: false,
    ...(a.recipient_user_id ? { recipientUserId: a.recipient_user_id } : {}),
    ...(a.recipient_team_id ? { recipientTeamId: a.recipient_team_id } : {}),
  };
  apply(stream, a.markdown_text, content.chunks);
  const m = postBotMessage(ctx, a.channel as string, { text: '' }, { thread_ts: thread.threadTs, stream, ...(thread.orphan ? { orphan: true } : {}) }, 'chat.startStream');
  return ok({ channel: m.channel, ts: m.ts });
};

function streamingMessage(ctx: MethodContext, a: { channel?: string; ts?: string }, forStop: boolean): { m: StoredMessage; stream: StreamState } | { result: ApiResult } {
  if (!nonEmpty(a.channel) || !ctx.state.channels.has(a.channel)) return { result: fail('channel_not_found') };
  const m = nonEmpty(a.ts) ? ctx.state.findMessage(a.channel, a.ts) : undefined;
  if (!m) return { result: fail('message_not_found') };
  if (m.user !== ctx.state.botUserId) return { result: fail('message_not_owned_by_app') };
  const stream = m.stream;
  if (!stream || stream.state !== 'in_progress') return { result: fail('message_not_in_streaming_state') };
  if (stream.expired || Date.now() - stream.startedAt > ctx.state.streamTtlMs) {
    stream.expired = true;
    return { result: fail('message_not_in_streaming_state') };
  }
  if (stream.stoppedByUser && !forStop) return { result: fail('stopped_by_user') };
  return { m, stream };
}

const appendStream: Handler = (args, ctx) => {
  const p = parseArgs(AppendArgs, args);
  if (!p.ok) return p.result;
  const a = p.data;
  const found = streamingMessage(ctx, a, false);
  if ('result' in found) return found.result;
  const content = readContent(a.markdown_text, a.chunks);
  if (!content.ok) return content.result;
  if (!nonEmpty(a.markdown_text) && content.chunks.length === 0) return fail('no_text');
  apply(found.stream, a.markdown_text, content.chunks);
  found.stream.appends += 1;
  return ok({ channel: found.m.channel, ts: found.m.ts });
};

const stopStream: Handler = (args, ctx) => {
  const p = parseArgs(StopArgs, args);
  if (!p.ok) return p.result;
  const a = p.data;
  const found = streamingMessage(ctx, a, true);
  if ('result' in found) return found.result;
  const content = readContent(a.markdown_text, a.chunks);
  if (!content.ok) return content.result;
  let stopBlocks: JsonObject[] = [];
  if (a.blocks !== undefined) {
    const check = checkBlocks(a.blocks, 50);
    if (check.error) return failWith(check.error, check.messages);
    stopBlocks = normalizeBlocks(a.blocks as JsonObject[]);
  }
  if (!checkMetadata(a.metadata)) return fail('invalid_metadata_format');
  const { m, stream } = found;
  apply(stream, a.markdown_text, content.chunks);
  // Live behaviour: stopping with open task cards turns them into errors.
  const open = stream.tasks.filter((t) => t.status === 'pending' || t.status === 'in_progress');
  for (const t of open) t.status = 'error';
  if (open.length > 0 && stream.taskDisplayMode === 'plan') stream.planTitle = 'Something went wrong';
  stream.stopBlocks = stopBlocks;
  stream.state = 'completed';
  m.text = stream.markdown !== '' ? stream.markdown : CARDS_ONLY_TEXT;
  if (a.metadata !== undefined) m.metadata = a.metadata;
  return ok({ channel: m.channel, ts: m.ts, message: toSlackMessage(ctx.state, m) });
};

export const streamMethods: Record<string, Handler> = {
  'chat.startStream': startStream,
  'chat.appendStream': appendStream,
  'chat.stopStream': stopStream,
};
