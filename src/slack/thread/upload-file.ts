import type { WebClient } from '@slack/web-api';
import { escapeMrkdwn } from '../../forms/untrusted.js';
import type { ThreadTarget } from './renderers/renderer.js';

export interface ThreadFile {
  name: string;
  content: string;
  /** Said above the file, from the bot (the file's name is escaped here). */
  comment: string;
}

/**
 * Uploads a text file into the thread the way `files.uploadV2` does (files.getUploadURLExternal, the upload,
 * files.completeUploadExternal with channel_id and thread_ts).
 */
export async function uploadToThread(client: WebClient, target: ThreadTarget, file: ThreadFile): Promise<void> {
  const name = file.name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file.txt';
  await client.filesUploadV2({
    channel_id: target.channelId,
    thread_ts: target.threadTs,
    file: Buffer.from(file.content, 'utf8'),
    filename: name,
    title: name,
    initial_comment: escapeMrkdwn(file.comment),
  });
}
