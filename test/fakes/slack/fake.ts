/** startFakeSlack: a fake Slack Web API on 127.0.0.1 with the controls tests use to drive and inspect it. */
import { toSlackMessage } from './methods/common.js';
import { fileObject } from './methods/files.js';
import { listen, type ServerControls } from './server.js';
import { randomId, type ResponseUrlState, SlackState } from './state.js';
import { textOf } from './text-of.js';
import type {
  AssistantCall,
  CallRecord,
  ChannelSpec,
  FakeSlackOptions,
  JsonObject,
  ResponseUrlPost,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
  UserSpec,
} from './types.js';
import { applyViewResponse, type ViewResponseOutcome } from './view-responses.js';

export interface UserMessageInput {
  channel: string;
  user: string;
  text: string;
  ts?: string;
  threadTs?: string;
  blocks?: JsonObject[];
  botId?: string;
  subtype?: string;
}

export interface FakeSlack {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  /** http://127.0.0.1:PORT/api/ — give it to Bolt as clientOptions.slackApiUrl. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  /** Every Web API call, in order. */
  readonly calls: readonly CallRecord[];
  callsTo(method: string): CallRecord[];
  clearCalls(): void;
  /** A trigger_id as Slack issues on a user action (single use, valid triggerTtlMs). */
  issueTrigger(opts?: { userId?: string; viewId?: string; issuedAgoMs?: number }): string;
  /** The next `times` calls of `method` get HTTP 429 with Retry-After. */
  rateLimit(method: string, opts?: { times?: number; retryAfterSec?: number }): void;
  /** The next `times` calls of `method` answer { ok: false, error }. */
  failNext(method: string, error: string, times?: number): void;
  setStreaming(value: true | string): void;
  setResponseDelay(ms: number, method?: string): void;
  /** `method`'s calls take effect at once (people see the message) but the bot gets the answer `ms` later. */
  setAnswerDelay(method: string, ms: number): void;
  addChannel(id: string, spec: ChannelSpec): void;
  channel(id: string): ChannelSpec | undefined;
  user(id: string): UserSpec | undefined;
  /** The IM channel between the bot and a user, if configured. */
  imOf(userId: string): string | undefined;
  setMember(channel: string, isMember: boolean): void;
  /** Visible messages of a channel (roots and replies), in ts order. */
  messages(channel: string): StoredMessage[];
  /** Top-level messages of a channel (and replies broadcast to it). */
  roots(channel: string): StoredMessage[];
  /** A thread: its root, then its replies in order. */
  thread(channel: string, threadTs: string): StoredMessage[];
  message(channel: string, ts: string): StoredMessage | undefined;
  /** Replies whose thread_ts named no message: Slack said ok, nobody can see them. */
  orphans(channel?: string): StoredMessage[];
  textOf(message: StoredMessage | StoredEphemeral | undefined): string;
  /** A stored message in the shape Slack returns it (and puts in interaction payloads). */
  asSlackMessage(message: StoredMessage): JsonObject;
  /** Puts a person's message in the store (the driver does this before sending its event). */
  addUserMessage(input: UserMessageInput): StoredMessage;
  view(id: string): StoredView | undefined;
  views(): StoredView[];
  homeView(userId: string): StoredView | undefined;
  /** The user's open modal stack, bottom first. */
  openModals(userId: string): StoredView[];
  /** Applies the bot's answer to a view_submission as Slack would (close, clear, errors, update, push). */
  applyViewResponse(viewId: string, body: unknown): ViewResponseOutcome;
  /** Records input state of a view (the driver does this as it fills a modal). */
  setViewState(viewId: string, values: Record<string, Record<string, JsonObject>>): void;
  ephemerals(filter?: { channel?: string; user?: string }): StoredEphemeral[];
  /** Records the body the bot returned to a slash command, as Slack shows it. */
  recordCommandResponse(input: { channel: string; user: string; text: string; blocks?: JsonObject[]; inChannel: boolean }): void;
  /** A response_url on the fake (5 uses, 30 minutes); `messageTs` lets replace/delete_original act on a message. */
  responseUrl(scope?: { channel?: string; userId?: string; messageTs?: string; threadTs?: string }): string;
  /** What was posted to a response_url (its id or the full URL). */
  responses(idOrUrl: string): ResponseUrlPost[];
  files(): StoredFile[];
  /** Someone deletes a file: files.info then answers file_not_found and its private URL 404. */
  deleteFile(id: string): void;
  /**
   * A user shares a file with the bot in a channel (a DM by default): the file is stored (downloadable with the bot
   * token from its `url_private`) and the message with it is stored; returns the message's ts and the file as Slack
   * describes it in the `file_share` event.
   */
  shareUserFile(o: { channel?: string; user?: string; name: string; mimetype: string; content: Buffer; text?: string; threadTs?: string; width?: number; height?: number }): { ts: string; file: JsonObject };
  assistantCalls(method?: string): AssistantCall[];
  /** Simulates Slack's Stop control on a streamed message: later appends get `stopped_by_user`. */
  stopByUser(channel: string, ts: string): void;
  /** Simulates Slack closing a stream (about 5 minutes): later appends get `message_not_in_streaming_state`. */
  expireStream(channel: string, ts: string): void;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new SlackState(options);
  const controls: ServerControls = {
    calls: [],
    rateLimits: new Map(),
    failures: new Map(),
    delayMs: options.responseDelayMs ?? 0,
    methodDelays: new Map(),
    answerDelays: new Map(),
  };
  const { server, baseUrl } = await listen(state, controls);
  const streamOf = (channel: string, ts: string) => {
    const s = state.findMessage(channel, ts)?.stream;
    if (!s) throw new Error(`fake Slack: no streamed message ${channel}/${ts}`);
    return s;
  };
  const responseState = (idOrUrl: string): ResponseUrlState | undefined => state.responseUrls.get(idOrUrl.split('/').pop() ?? '');
  return {
    url: baseUrl,
    apiUrl: `${baseUrl}api/`,
    botToken: state.botToken,
    botUserId: state.botUserId,
    botId: state.botId,
    teamId: state.teamId,
    teamDomain: state.teamDomain,
    appId: state.appId,
    shareUserFile(o) {
      const id = randomId('F', 5);
      const stored: StoredFile = {
        id,
        filename: o.name,
        length: o.content.length,
        content: o.content,
        mimetype: o.mimetype,
        user: o.user ?? 'U1',
        uploaded: true,
        completed: true,
        ...(o.width !== undefined && o.height !== undefined ? { width: o.width, height: o.height } : {}),
      };
      state.files.set(id, stored);
      const message = state.addMessage({
        channel: o.channel ?? 'D_USER1',
        ts: state.nextTs(),
        user: o.user ?? 'U1',
        text: o.text ?? '',
        history: [],
        postedBy: 'user',
        via: 'user',
        subtype: 'file_share',
        files: [{ id, name: o.name, title: o.name }],
        ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
      });
      return { ts: message.ts, file: fileObject(stored, baseUrl) };
    },
    calls: controls.calls,
    callsTo: (method) => controls.calls.filter((c) => c.method === method),
    clearCalls: () => controls.calls.splice(0),
    issueTrigger: (o = {}) => state.issueTrigger(o.userId ?? 'U1', o.viewId, o.issuedAgoMs ?? 0),
    rateLimit: (method, o = {}) => controls.rateLimits.set(method, { remaining: o.times ?? 1, retryAfterSec: o.retryAfterSec ?? 1 }),
    failNext: (method, error, times = 1) => controls.failures.set(method, { remaining: times, error }),
    setStreaming: (value) => {
      state.streaming = value;
    },
    setResponseDelay: (ms, method) => {
      if (method) controls.methodDelays.set(method, ms);
      else controls.delayMs = ms;
    },
    setAnswerDelay: (method, ms) => void controls.answerDelays.set(method, ms),
    addChannel: (id, spec) => {
      state.channels.set(id, spec);
    },
    channel: (id) => state.channels.get(id),
    user: (id) => state.users.get(id),
    imOf: (userId) => [...state.channels.entries()].find(([, c]) => c.isIm && c.user === userId)?.[0],
    setMember: (id, isMember) => {
      const c = state.channels.get(id);
      if (!c) throw new Error(`fake Slack: no channel ${id}`);
      c.isMember = isMember;
    },
    messages: (channel) => state.channelMessages(channel).filter((m) => !m.orphan),
    roots: (channel) => state.channelMessages(channel).filter((m) => !m.orphan && (!m.thread_ts || m.reply_broadcast)),
    thread: (channel, threadTs) =>
      state.channelMessages(channel).filter((m) => !m.orphan && (m.ts === threadTs || m.thread_ts === threadTs)),
    message: (channel, ts) => state.findMessage(channel, ts),
    orphans: (channel) =>
      [...state.messagesByChannel.entries()].filter(([c]) => channel === undefined || c === channel).flatMap(([, list]) => list.filter((m) => m.orphan)),
    textOf,
    asSlackMessage: (m) => toSlackMessage(state, m),
    addUserMessage: (input) => {
      const ts = input.ts ?? state.nextTs();
      const existing = state.findMessage(input.channel, ts);
      if (existing) return existing;
      const root = input.threadTs ? state.findMessage(input.channel, input.threadTs) : undefined;
      return state.addMessage({
        channel: input.channel,
        ts,
        user: input.user,
        text: input.text,
        history: [],
        postedBy: input.botId ? 'bot' : 'user',
        via: 'user',
        ...(input.threadTs ? { thread_ts: root?.thread_ts ?? input.threadTs, ...(root ? {} : { orphan: true }) } : {}),
        ...(input.blocks ? { blocks: input.blocks } : {}),
        ...(input.botId ? { bot_id: input.botId } : {}),
        ...(input.subtype ? { subtype: input.subtype } : {}),
      });
    },
    view: (id) => state.views.get(id),
    views: () => [...state.views.values()],
    homeView: (userId) => {
      const id = state.homeViews.get(userId);
      return id ? state.views.get(id) : undefined;
    },
    openModals: (userId) => (state.modalStacks.get(userId) ?? []).flatMap((id) => state.views.get(id) ?? []),
    applyViewResponse: (viewId, body) => applyViewResponse(state, viewId, body),
    setViewState: (viewId, values) => {
      const v = state.views.get(viewId);
      if (!v) throw new Error(`fake Slack: no view ${viewId}`);
      v.view.state = { values };
    },
    ephemerals: (f = {}) => state.ephemerals.filter((e) => (f.channel === undefined || e.channel === f.channel) && (f.user === undefined || e.user === f.user)),
    recordCommandResponse: (i) => {
      if (i.inChannel) {
        state.addMessage({ channel: i.channel, ts: state.nextTs(), user: state.botUserId, bot_id: state.botId, app_id: state.appId, text: i.text, ...(i.blocks ? { blocks: i.blocks } : {}), history: [], postedBy: 'bot', via: 'command_response' });
      } else {
        state.ephemerals.push({ channel: i.channel, user: i.user, ts: state.nextTs(), text: i.text, ...(i.blocks ? { blocks: i.blocks } : {}), source: 'command_response' });
      }
    },
    responseUrl: (scope = {}) => state.newResponseUrl(baseUrl, scope),
    responses: (idOrUrl) => responseState(idOrUrl)?.posts ?? [],
    files: () => [...state.files.values()],
    deleteFile: (id) => void state.files.delete(id),
    assistantCalls: (method) => state.assistantCalls.filter((c) => method === undefined || c.method === method),
    stopByUser: (channel, ts) => {
      streamOf(channel, ts).stoppedByUser = true;
    },
    expireStream: (channel, ts) => {
      streamOf(channel, ts).expired = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
