/** Streaming chunks of chat.startStream / appendStream / stopStream (@slack/types chunk.d.ts). */
import { z } from 'zod';
import { checkBlocks, zodMessages } from './blocks.js';
import type { JsonObject } from './types.js';

const markdownText = z.strictObject({ type: z.literal('markdown_text'), text: z.string().max(12_000, 'must be less than 12001 characters') });
const taskUpdate = z.strictObject({
  type: z.literal('task_update'),
  id: z.string().min(1),
  title: z.string().min(1),
  status: z.enum(['pending', 'in_progress', 'complete', 'error']),
  details: z.string().optional(),
  output: z.string().optional(),
  sources: z.array(z.strictObject({ type: z.literal('url'), url: z.string(), text: z.string() })).optional(),
});
const planUpdate = z.strictObject({ type: z.literal('plan_update'), title: z.string().min(1) });
const blocksChunk = z.strictObject({ type: z.literal('blocks'), blocks: z.array(z.looseObject({})) });
const chunk = z.discriminatedUnion('type', [markdownText, taskUpdate, planUpdate, blocksChunk]);
export type Chunk = z.infer<typeof chunk>;

export type ChunkCheck = { ok: true; chunks: Chunk[] } | { ok: false; messages: string[] };

export function checkChunks(input: unknown): ChunkCheck {
  const parsed = z.array(chunk).safeParse(input);
  if (!parsed.success) return { ok: false, messages: zodMessages(parsed.error, '/chunks') };
  const messages = parsed.data.flatMap((c, i) =>
    c.type === 'blocks' ? checkBlocks(c.blocks, 50, `/chunks/${i}/blocks`).messages : [],
  );
  return messages.length > 0 ? { ok: false, messages } : { ok: true, chunks: parsed.data };
}

export type BlocksChunk = { type: 'blocks'; blocks: JsonObject[] };
