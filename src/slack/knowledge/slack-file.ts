import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

export const SlackFileSchema = z.object({
  id: z.string(),
  name: z.string().default('file'),
  mimetype: z.string().optional(),
  size: z.number().nonnegative().default(0),
  url_private: z.string().optional(),
});
export type SlackFile = z.infer<typeof SlackFileSchema>;

export async function fileInfo(client: WebClient, fileId: string): Promise<SlackFile> {
  const answer = await client.files.info({ file: fileId });
  return SlackFileSchema.parse(answer.file);
}

/**
 * A file's bytes from its private URL (Slack wants the bot token), refused past `maxBytes` without reading further:
 * a file's stated size is checked before, and the download is still bounded in case the two disagree.
 */
export async function downloadFile(file: SlackFile, token: string, maxBytes: number): Promise<Uint8Array> {
  if (!file.url_private) throw new Error('Slack gave no download address for this file.');
  const response = await fetch(file.url_private, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
  if (!response.ok || !response.body) throw new Error(`Slack answered ${response.status} for the file.`);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error('The file is larger than it said.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
