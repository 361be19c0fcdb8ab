import { expect } from 'vitest';
import { BLOG_POST_TASK } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { waitFor, type Harness } from '../support/bot-harness.js';

export const OUTLINE = BLOG_POST_TASK.contextItems[0]!;
export const LENGTH = BLOG_POST_TASK.contextItems[1]!;
export const TOPIC = BLOG_POST_TASK.contextItems[2]!;

export interface OpenedView {
  id: string;
  title: { text: string };
  blocks: unknown[];
}

/** `/jasper run ...` and the modal it opened. */
export async function openForm(h: Harness, text: string, userId = 'U1', channelId = 'C_GENERAL'): Promise<OpenedView> {
  const before = h.slack.views().length;
  const answer = await h.driver.slashCommand({ text, userId, channelId });
  expect(answer.status).toBe(200);
  return waitFor('the modal to open', () => h.slack.views().at(before)?.view as OpenedView | undefined);
}

export function blockIdOf(view: OpenedView, fieldId: string): string {
  const block = (view.blocks as Array<{ block_id?: string }>).find((b) => b.block_id?.endsWith(`:${fieldId}`));
  if (!block?.block_id) throw new Error(`no block for field ${fieldId}`);
  return block.block_id;
}

/** Opens Blog Post and submits it with a topic; resolves once the root message is posted. */
export async function runBlogPost(h: Harness, topic = 'Jasper AI', channelId = 'C_GENERAL', userId = 'U1') {
  const view = await openForm(h, 'run blog-post', userId, channelId);
  const roots = h.slack.roots(channelId).length;
  const submitted = await h.driver.submitView({ viewId: view.id, userId, values: { [blockIdOf(view, TOPIC.id)]: topic } });
  expect(submitted.sent && submitted.outcome.kind).toBe('closed');
  return waitFor('the root message', () => h.slack.roots(channelId).at(roots));
}

/** Waits until the latest root message in the channel shows how its run ended. */
export function finishedRoot(h: Harness, channel = 'C_GENERAL', ts?: string, timeoutMs?: number) {
  return waitFor(
    'the run to end',
    () => {
      const root = ts ? h.slack.message(channel, ts) : h.slack.roots(channel).at(-1);
      return root && /Done|Failed|Cancelled|Interrupted/.test(textOf(root)) ? root : undefined;
    },
    timeoutMs,
  );
}

export function threadText(h: Harness, channel: string, rootTs: string): string {
  return h.slack.thread(channel, rootTs).slice(1).map(textOf).join('\n');
}
