/** Shared types of the fake Slack Web API (test/fakes/slack). */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface ChannelSpec {
  name?: string;
  isMember: boolean;
  isPrivate?: boolean;
  isIm?: boolean;
  /** For an IM: the human on the other side. */
  user?: string;
  /** Human members (the bot's membership is `isMember`). Defaults to every configured human user. */
  members?: string[];
}

export interface UserSpec {
  name: string;
  realName?: string;
  isBot?: boolean;
  tz?: string;
  deleted?: boolean;
  /** Workspace admin / owner, as `users.info` reports them (`is_admin`, `is_owner`; an owner is also an admin). */
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface FakeSlackOptions {
  botToken?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  channels?: Record<string, ChannelSpec>;
  users?: Record<string, UserSpec>;
  /** true, or the error name chat.startStream answers with (e.g. 'feature_not_enabled'). */
  streaming?: true | string;
  /** Delay before every Web API answer. */
  responseDelayMs?: number;
  /** A trigger_id is usable this long after it was issued (Slack: 3 s). */
  triggerTtlMs?: number;
  /** Slack closes a stream after about five minutes; appends after that fail. */
  streamTtlMs?: number;
}

export interface CallRecord {
  method: string;
  /** Parsed arguments: JSON-encoded form fields (blocks, view, chunks, ...) decoded. */
  args: Record<string, unknown>;
  at: number;
  /** HTTP status the fake answered with (429 when rate limited). */
  status: number;
  /** The JSON body the fake answered with. */
  response: Record<string, unknown>;
}

export type TaskStatus = 'pending' | 'in_progress' | 'complete' | 'error';

export interface TaskState {
  id: string;
  title: string;
  status: TaskStatus;
  /** Slack appends `details` across updates of one task. */
  details?: string;
  output?: string;
  sources?: Json[];
}

export interface StreamState {
  state: 'in_progress' | 'completed';
  recipientUserId?: string;
  recipientTeamId?: string;
  taskDisplayMode: string;
  /** Concatenation of every markdown_text streamed so far. */
  markdown: string;
  /** Latest state of each task, in first-seen order. */
  tasks: TaskState[];
  planTitle?: string;
  /** Blocks streamed as `blocks` chunks. */
  blocks: JsonObject[];
  /** Blocks given to chat.stopStream (rendered after the streamed content). */
  stopBlocks: JsonObject[];
  startedAt: number;
  appends: number;
  /** Set by the test control `stopByUser`: appends then fail with `stopped_by_user`. */
  stoppedByUser: boolean;
  /** Set by `expireStream` or the TTL: appends then fail with `message_not_in_streaming_state`. */
  expired: boolean;
}

export interface StoredFileRef {
  id: string;
  name: string;
  title: string;
}

export interface MessageVersion {
  text: string;
  blocks?: JsonObject[];
  markdown_text?: string;
  at: number;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  /** Root ts for a reply; absent on a root message. */
  thread_ts?: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  text: string;
  blocks?: JsonObject[];
  markdown_text?: string;
  metadata?: unknown;
  files?: StoredFileRef[];
  reply_broadcast?: boolean;
  /** Reaction names the bot added (reactions.add). */
  reactions?: string[];
  stream?: StreamState;
  /** Earlier versions, oldest first (chat.update pushes the replaced one). */
  history: MessageVersion[];
  /** A reply whose thread_ts names no message: Slack answers ok, nobody sees it. */
  orphan?: boolean;
  postedBy: 'bot' | 'user';
  via: string;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: JsonObject[];
  source: 'chat.postEphemeral' | 'response_url' | 'command_response';
}

export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject | null;
  close?: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  submit_disabled?: boolean;
}

export interface StoredView {
  view: SlackView;
  userId: string;
  open: boolean;
  /** Every version Slack held, oldest first (the current one last). */
  versions: SlackView[];
  via: string[];
}

export interface StoredFile {
  id: string;
  filename: string;
  /** For a file a user shared (`shareUserFile`). */
  mimetype?: string;
  /** An image's size in pixels (files.info's `original_w` and `original_h`). */
  width?: number;
  height?: number;
  user?: string;
  length: number;
  title?: string;
  alt_text?: string;
  snippet_type?: string;
  content?: Buffer;
  uploaded: boolean;
  completed: boolean;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
}

export interface ResponseUrlPost {
  body: Record<string, unknown>;
  at: number;
  status: number;
}

export interface AssistantCall {
  method: string;
  channel_id: string;
  thread_ts: string;
  args: Record<string, unknown>;
  at: number;
}

export type ApiResult = { ok: boolean } & Record<string, unknown>;
