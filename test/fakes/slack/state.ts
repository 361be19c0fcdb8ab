/** Everything the fake Slack holds: workspace, messages, views, triggers, streams, files, response URLs. */
import { randomBytes } from 'node:crypto';
import type {
  AssistantCall,
  ChannelSpec,
  FakeSlackOptions,
  ResponseUrlPost,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
  UserSpec,
} from './types.js';

export interface Trigger {
  issuedAt: number;
  used: boolean;
  userId: string;
  viewId?: string;
}

export interface ResponseUrlState {
  id: string;
  uses: number;
  createdAt: number;
  channel?: string;
  userId?: string;
  messageTs?: string;
  threadTs?: string;
  posts: ResponseUrlPost[];
}

export const DEFAULT_USERS: Record<string, UserSpec> = {
  U1: { name: 'alice', realName: 'Alice Example', tz: 'Europe/London' },
  U2: { name: 'bob', realName: 'Bob Example', tz: 'America/New_York' },
};

export function defaultChannels(users: readonly string[]): Record<string, ChannelSpec> {
  return {
    C_GENERAL: { name: 'general', isMember: true, members: [...users] },
    C_NOBOT: { name: 'no-bot', isMember: false, members: [...users] },
    D_USER1: { isMember: true, isIm: true, user: 'U1' },
  };
}

export const randomId = (prefix: string, bytes = 5) => `${prefix}${randomBytes(bytes).toString('hex').toUpperCase()}`;

export class SlackState {
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly triggerTtlMs: number;
  readonly streamTtlMs: number;
  readonly users: Map<string, UserSpec>;
  readonly channels: Map<string, ChannelSpec>;
  streaming: true | string;
  readonly messagesByChannel = new Map<string, StoredMessage[]>();
  readonly ephemerals: StoredEphemeral[] = [];
  readonly views = new Map<string, StoredView>();
  readonly homeViews = new Map<string, string>();
  readonly modalStacks = new Map<string, string[]>();
  readonly triggers = new Map<string, Trigger>();
  readonly files = new Map<string, StoredFile>();
  readonly responseUrls = new Map<string, ResponseUrlState>();
  readonly assistantCalls: AssistantCall[] = [];
  private tsCounter = 0;

  constructor(options: FakeSlackOptions) {
    this.botToken = options.botToken ?? 'test-bot-token';
    this.botUserId = options.botUserId ?? 'UBOT';
    this.botId = options.botId ?? 'BBOT';
    this.teamId = options.teamId ?? 'T0001';
    this.teamDomain = options.teamDomain ?? 'fake-team';
    this.appId = options.appId ?? 'A0001';
    this.triggerTtlMs = options.triggerTtlMs ?? 3000;
    this.streamTtlMs = options.streamTtlMs ?? 5 * 60_000;
    this.streaming = options.streaming ?? true;
    this.users = new Map(Object.entries(options.users ?? DEFAULT_USERS));
    this.channels = new Map(Object.entries(options.channels ?? defaultChannels([...this.users.keys()])));
  }

  /** Unique, increasing message timestamps: 1700000000.000100, 1700000000.000200, ... */
  nextTs(): string {
    this.tsCounter += 1;
    const micros = 1_700_000_000_000_000 + this.tsCounter * 100;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /**
   * Slack's chat.postMessage takes a user id as `channel` and posts in the app's DM with that user (opening it if
   * need be). Returns the IM's id for a known user id, else the id unchanged.
   */
  dmChannelFor(channelOrUser: string): string {
    if (!this.users.has(channelOrUser)) return channelOrUser;
    for (const [id, c] of this.channels) if (c.isIm && c.user === channelOrUser) return id;
    const id = `D_${channelOrUser}`;
    this.channels.set(id, { isMember: true, isIm: true, user: channelOrUser });
    return id;
  }

  humanMembers(channelId: string): string[] {
    const c = this.channels.get(channelId);
    if (!c) return [];
    if (c.isIm) return c.user ? [c.user] : [];
    return c.members ?? [...this.users.keys()];
  }

  channelMessages(channel: string): StoredMessage[] {
    let list = this.messagesByChannel.get(channel);
    if (!list) {
      list = [];
      this.messagesByChannel.set(channel, list);
    }
    return list;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messagesByChannel.get(channel)?.find((m) => m.ts === ts);
  }

  /** Inserts in ts order (tests may add user messages with their own ts). */
  addMessage(message: StoredMessage): StoredMessage {
    const list = this.channelMessages(message.channel);
    const at = list.findIndex((m) => Number(m.ts) > Number(message.ts));
    if (at === -1) list.push(message);
    else list.splice(at, 0, message);
    return message;
  }

  removeMessage(channel: string, ts: string): void {
    const list = this.channelMessages(channel);
    const at = list.findIndex((m) => m.ts === ts);
    if (at !== -1) list.splice(at, 1);
  }

  issueTrigger(userId: string, viewId: string | undefined, issuedAgoMs: number): string {
    const id = `${Math.floor(Date.now() / 1000)}${this.triggers.size}.${this.teamId.replace(/\D/g, '') || '1'}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { issuedAt: Date.now() - issuedAgoMs, used: false, userId, viewId });
    return id;
  }

  /** Exchanges a trigger_id; returns Slack's error name when it cannot be. */
  useTrigger(id: unknown): { ok: true; trigger: Trigger } | { ok: false; error: string } {
    if (typeof id !== 'string' || id === '') return { ok: false, error: 'invalid_arguments' };
    const t = this.triggers.get(id);
    if (!t) return { ok: false, error: 'invalid_trigger_id' };
    if (t.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (Date.now() - t.issuedAt > this.triggerTtlMs) return { ok: false, error: 'expired_trigger_id' };
    t.used = true;
    return { ok: true, trigger: t };
  }

  newResponseUrl(baseUrl: string, scope: Omit<ResponseUrlState, 'id' | 'uses' | 'createdAt' | 'posts'>): string {
    const id = randomId('R', 8);
    this.responseUrls.set(id, { id, uses: 0, createdAt: Date.now(), posts: [], ...scope });
    return `${baseUrl}response/${id}`;
  }
}
