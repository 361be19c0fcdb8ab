import { z } from 'zod';

/**
 * The parts of Slack's payloads the bot relies on, validated where they enter. Bolt types them but does not check
 * them; a payload without these fields is refused with a log line instead of failing deep inside a handler.
 */
export const SlashCommandSchema = z.object({
  text: z.string().default(''),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  team_id: z.string().min(1),
  trigger_id: z.string().min(1),
});

const OptionSchema = z.object({ value: z.string() });

export const ButtonActionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  trigger_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  /** The view clicked in (Home, a modal): its id and the state it keeps. */
  view: z.object({ id: z.string(), private_metadata: z.string().optional() }).optional(),
  /** Where the clicked message is: its own ts, and its thread's root when it is a reply. */
  container: z.object({ message_ts: z.string().optional(), thread_ts: z.string().optional(), channel_id: z.string().optional() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        selected_option: OptionSchema.nullish(),
        selected_options: z.array(OptionSchema).optional(),
      }),
    )
    .min(1),
});

export const ViewSubmissionSchema = z.object({
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.unknown() }),
  }),
});

export const BlockSuggestionSchema = z.object({
  block_id: z.string(),
  action_id: z.string(),
  value: z.string().default(''),
  view: z.object({ private_metadata: z.string().default('') }).optional(),
  /** For a menu in a message: the message's channel and thread. */
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() }).optional(),
});

/** A `message` event, or an `app_mention` (the same shape for what the bot reads). */
export const MessageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  channel: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  /** Files shared with the message (`file_share`). */
  files: z.array(z.object({ id: z.string(), name: z.string().default('file'), mimetype: z.string().optional(), size: z.number().default(0) })).optional(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

export const EventEnvelopeSchema = z.object({ event_id: z.string().optional(), team_id: z.string().optional() });

/**
 * A view submission with our JSON `private_metadata`, both validated; undefined for anything else (another view, an
 * older format, tampering).
 */
export function readViewSubmission<T>(body: unknown, metadataSchema: z.ZodType<T>) {
  const payload = ViewSubmissionSchema.safeParse(body);
  if (!payload.success) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(payload.data.view.private_metadata);
  } catch {
    return undefined;
  }
  const metadata = metadataSchema.safeParse(json);
  return metadata.success ? { ...payload.data, metadata: metadata.data } : undefined;
}
