import type { WebClient } from '@slack/web-api';
import { z } from 'zod';

export const SlackFileSchema = z.object({
  id: z.string(),
  name: z.string().default('file'),
  mimetype: z.string().optional(),
  size: z.number().nonnegative().default(0),
  url_private: z.string().optional(),
  /** An image's size in pixels. */
  original_w: z.number().optional(),
  original_h: z.number().optional(),
});
export type SlackFile = z.infer<typeof SlackFileSchema>;

/** Slack would not give a file (gone, no access, no address): a Slack problem, never the agent's. */
export class SlackFileError extends Error {
  override readonly name = 'SlackFileError';
  constructor(
    /** The file's name, or its id when Slack would not even say its name. */
    readonly fileName: string,
    /** Slack's HTTP status or error code, e.g. "404" or "file_not_found". */
    readonly reason: string,
  ) {
    super(`Slack would not give the file ${fileName} (${reason}).`);
  }

  /** What the person is told: which file, why, and what to do. */
  get userMessage(): string {
    const gone = ['404', 'file_not_found', 'file_deleted'].includes(this.reason);
    const noAccess = ['403', 'access_denied', 'not_authed', 'missing_scope'].includes(this.reason);
    const why = gone ? 'it was deleted, or I am not allowed to see it' : noAccess ? 'I am not allowed to read it' : `Slack answered ${this.reason}`;
    return `Slack would not let me fetch *${this.fileName}* (${why}). Share the file with me again (in our DM, or in a channel I am in), then try again.`;
  }
}

/** The platform error code of a Web API failure, e.g. "file_not_found". */
function slackCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

export async function fileInfo(client: WebClient, fileId: string, knownName?: string): Promise<SlackFile> {
  let answer;
  try {
    answer = await client.files.info({ file: fileId });
  } catch (error) {
    const code = slackCode(error);
    if (code) throw new SlackFileError(knownName ?? fileId, code);
    throw error;
  }
  return SlackFileSchema.parse(answer.file);
}

/**
 * A file's bytes from its private URL (Slack wants the bot token), refused past `maxBytes` without reading further:
 * a file's stated size is checked before, and the download is still bounded in case the two disagree.
 */
export async function downloadFile(file: SlackFile, token: string, maxBytes: number): Promise<Uint8Array> {
  if (!file.url_private) throw new SlackFileError(file.name, 'no download address');
  const response = await fetch(file.url_private, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
  if (!response.ok || !response.body) throw new SlackFileError(file.name, String(response.status));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new Error('The file is larger than it said.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
