import type { WebClient } from '@slack/web-api';
import { MARKDOWN_TEXT } from '../../forms/limits.js';
import { splitMessage } from '../../forms/markdown.js';
import { neutraliseMarkdown } from '../../forms/untrusted.js';
import type { ThreadTarget } from './renderers/renderer.js';

/** Room left under Slack's markdown_text limit, so a split part never fails on the boundary. */
const PART_CHARS = MARKDOWN_TEXT - 500;

/**
 * Posts Markdown into the thread whole: Slack renders `markdown_text` itself (headings, lists, bold), and text longer
 * than one message holds is split at paragraph boundaries across several messages, never cut.
 */
export async function postOutput(client: WebClient, target: ThreadTarget, markdown: string): Promise<void> {
  if (!markdown.trim()) return;
  for (const part of splitMessage(markdown, PART_CHARS)) {
    if (!part.trim()) continue;
    await client.chat.postMessage({ channel: target.channelId, thread_ts: target.threadTs, markdown_text: neutraliseMarkdown(part) });
  }
}
