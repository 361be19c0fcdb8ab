import type { Logger } from '@slack/logger';
import type { WebClient } from '@slack/web-api';
import { structuredView } from './render/structured-blocks.js';
import type { ThreadTarget } from './renderers/renderer.js';
import { uploadToThread } from './upload-file.js';

/** Shows a run's structured result in its thread (see render/structured-blocks.ts), and the whole data as a file when cut. */
export async function postStructured(client: WebClient, logger: Logger, target: ThreadTarget, data: unknown): Promise<void> {
  const view = structuredView(data);
  try {
    await client.chat.postMessage({ channel: target.channelId, thread_ts: target.threadTs, text: view.text, blocks: view.blocks });
    if (view.attachment) await uploadToThread(client, target, { ...view.attachment, comment: 'The whole result data.' });
  } catch (error) {
    logger.warn(`Could not show the result data in the thread: ${error instanceof Error ? error.message : String(error)}`);
  }
}
