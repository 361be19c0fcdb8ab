/**
 * Drives a Bolt app over real HTTP as Slack does: signed requests (v0 HMAC-SHA256) to /slack/events,
 * with trigger_ids and response_urls issued by the fake Slack, and Slack's handling of the answers.
 */
import { createHmac } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { FakeSlack, JsonObject, StoredMessage } from '../fakes/fake-slack.js';
import { checkOptionsResponse, submissionState } from '../fakes/slack/client.js';
import type { ViewResponseOutcome } from '../fakes/slack/view-responses.js';
import { type FieldInput, stateValue } from '../fakes/slack/view-state.js';
import * as P from './slack-payloads.js';

export interface SlackDriverOptions {
  /** http://127.0.0.1:PORT/slack/events */
  botUrl: string;
  signingSecret: string;
  slack: FakeSlack;
  teamId?: string;
  apiAppId?: string;
  teamDomain?: string;
  verificationToken?: string;
}

export interface SlackHttpResult {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  elapsedMs: number;
  /** Slack gives up after 3 s: the user sees an error and the answer is ignored. */
  timedOut: boolean;
}

export interface SendOptions {
  contentType: 'form' | 'json';
  /** 'wrong' signs with another secret; 'missing' sends no signature headers. */
  signature?: 'valid' | 'wrong' | 'missing';
  /** Unix seconds for X-Slack-Request-Timestamp (default now); an old one tests replay refusal. */
  timestampSec?: number;
  headers?: Record<string, string>;
}

export type MessageContainer = { type: 'message'; channel: string; ts: string; ephemeral?: boolean };
export type ViewContainer = { type: 'view'; viewId: string };

export type SubmitViewResult =
  | ({ sent: true; outcome: ViewResponseOutcome | { kind: 'timeout' } | { kind: 'http_error' } } & SlackHttpResult)
  | { sent: false; clientErrors: Record<string, string> };

/** What Slack reads from a slash command's immediate answer. */
const CommandAnswer = z.looseObject({
  text: z.string().optional(),
  blocks: z.array(z.looseObject({ type: z.string() })).optional(),
  response_type: z.enum(['ephemeral', 'in_channel']).optional(),
});

export function signature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export function createSlackDriver(o: SlackDriverOptions) {
  const slack = o.slack;
  const w: P.Workspace = {
    teamId: o.teamId ?? slack.teamId,
    teamDomain: o.teamDomain ?? slack.teamDomain,
    apiAppId: o.apiAppId ?? slack.appId,
    botUserId: slack.botUserId,
    token: o.verificationToken ?? 'fake-verification-token',
  };
  let eventCounter = 0;
  const nowSec = () => Math.floor(Date.now() / 1000);
  const actionTs = () => (Date.now() / 1000).toFixed(6);
  const person = (id: string): P.Person => ({ id, name: slack.user(id)?.name ?? id.toLowerCase() });
  const kindOf = (channel: string): P.ChannelKind => {
    const c = slack.channel(channel);
    return c?.isIm ? 'im' : c?.isPrivate ? 'group' : 'channel';
  };
  const channelRef = (channel: string) => ({ id: channel, name: P.channelName(kindOf(channel), slack.channel(channel)?.name) });

  async function raw(body: string, headers: Record<string, string>): Promise<SlackHttpResult> {
    const started = performance.now();
    const res = await fetch(o.botUrl, { method: 'POST', headers, body });
    const text = await res.text();
    const elapsedMs = performance.now() - started;
    let json: unknown;
    if (text.trim().startsWith('{') || text.trim().startsWith('[')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    return { status: res.status, headers: Object.fromEntries(res.headers.entries()), text, ...(json !== undefined ? { json } : {}), elapsedMs, timedOut: elapsedMs > 3000 };
  }

  function send(body: string, s: SendOptions): Promise<SlackHttpResult> {
    const ts = s.timestampSec ?? nowSec();
    const headers: Record<string, string> = {
      'content-type': s.contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...s.headers,
    };
    if (s.signature !== 'missing') {
      headers['x-slack-request-timestamp'] = String(ts);
      headers['x-slack-signature'] = signature(s.signature === 'wrong' ? `${o.signingSecret}-wrong` : o.signingSecret, ts, body);
    }
    return raw(body, headers);
  }

  const sendForm = (fields: Record<string, string>, s: Partial<SendOptions> = {}) => send(new URLSearchParams(fields).toString(), { contentType: 'form', ...s });
  const sendPayload = (payload: JsonObject) => sendForm({ payload: JSON.stringify(payload) });

  async function event(ev: JsonObject, e: { retryNum?: number; retryReason?: string; eventId?: string; eventTime?: number } = {}) {
    eventCounter += 1;
    const eventId = e.eventId ?? `Ev${String(eventCounter).padStart(8, '0')}${Date.now().toString(36).toUpperCase()}`;
    const headers: Record<string, string> = {};
    if (e.retryNum !== undefined) headers['x-slack-retry-num'] = String(e.retryNum);
    if (e.retryReason !== undefined) headers['x-slack-retry-reason'] = e.retryReason;
    const envelope = P.eventEnvelope(w, ev, { eventId, eventTime: e.eventTime ?? nowSec() });
    const result = await send(JSON.stringify(envelope), { contentType: 'json', headers });
    return { ...result, eventId, envelope };
  }

  function userMessage(m: { channel: string; user: string; text: string; ts?: string; threadTs?: string; botId?: string; subtype?: string }): StoredMessage {
    return slack.addUserMessage({
      channel: m.channel,
      user: m.user,
      text: m.text,
      ...(m.ts !== undefined ? { ts: m.ts } : {}),
      ...(m.threadTs !== undefined ? { threadTs: m.threadTs } : {}),
      ...(m.botId !== undefined ? { botId: m.botId } : {}),
      ...(m.subtype !== undefined ? { subtype: m.subtype } : {}),
    });
  }
  const parentOf = (channel: string, threadTs: string | undefined) => (threadTs ? slack.message(channel, threadTs)?.user : undefined);

  return {
    workspace: w,
    raw,
    send,
    sign: (body: string, timestampSec = nowSec()) => ({ 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': signature(o.signingSecret, timestampSec, body) }),

    /** A slash command; the bot's immediate answer is shown as Slack shows it (ephemeral unless in_channel). */
    async slashCommand(c: { text: string; userId?: string; channelId?: string; command?: string }) {
      const userId = c.userId ?? 'U1';
      const channelId = c.channelId ?? 'C_GENERAL';
      const triggerId = slack.issueTrigger({ userId });
      const responseUrl = slack.responseUrl({ channel: channelId, userId });
      const form = P.slashCommandForm(w, {
        text: c.text,
        user: person(userId),
        channelId,
        channelName: P.channelName(kindOf(channelId), slack.channel(channelId)?.name),
        command: c.command ?? '/jasper',
        responseUrl,
        triggerId,
      });
      const result = await sendForm(form);
      if (result.status === 200 && !result.timedOut && result.text.trim() !== '') {
        const body = CommandAnswer.parse(result.json ?? { text: result.text });
        slack.recordCommandResponse({
          channel: channelId,
          user: userId,
          text: body.text ?? '',
          ...(body.blocks ? { blocks: body.blocks as JsonObject[] } : {}),
          inChannel: body.response_type === 'in_channel',
        });
      }
      return { ...result, triggerId, responseUrl };
    },

    /** A click or choice on an element that is really there (in the stored message or view). */
    async blockAction(a: { userId?: string; actionId: string; blockId?: string; value?: FieldInput; container: MessageContainer | ViewContainer; message?: JsonObject }) {
      const userId = a.userId ?? 'U1';
      if (a.container.type === 'view') {
        const stored = slack.view(a.container.viewId);
        if (!stored || !stored.open) throw new Error(`view ${a.container.viewId} is not open`);
        const found = P.findElement(stored.view.blocks, a.actionId, a.blockId);
        if (!found) throw new Error(`no element ${a.actionId} in view ${a.container.viewId}`);
        if (found.block.type === 'input' && found.block.dispatch_action !== true) throw new Error(`input block ${found.blockId} has no dispatch_action: Slack sends no block_actions`);
        if (found.block.type === 'input') {
          const values = { ...stored.view.state.values, [found.blockId]: { [String(found.element.action_id)]: stateValue(found.element, a.value) } };
          slack.setViewState(stored.view.id, values);
        }
        const triggerId = slack.issueTrigger({ userId, viewId: stored.view.id });
        const payload = P.blockActionsPayload(w, {
          user: person(userId),
          triggerId,
          container: { type: 'view', view_id: stored.view.id },
          view: stored.view as unknown as JsonObject,
          actions: [P.actionItem(found, a.value, actionTs())],
        });
        return { ...(await sendPayload(payload)), triggerId, responseUrl: undefined as string | undefined, payload };
      }
      const { channel, ts } = a.container;
      const stored = a.container.ephemeral ? slack.ephemerals({ channel }).find((e) => e.ts === ts) : slack.message(channel, ts);
      const blocks = a.message?.blocks ?? [...(stored?.blocks ?? []), ...(stored && 'stream' in stored && stored.stream ? stored.stream.stopBlocks : [])];
      if (!stored && !a.message) throw new Error(`no message ${channel}/${ts}`);
      const found = P.findElement(Array.isArray(blocks) ? (blocks as JsonObject[]) : [], a.actionId, a.blockId);
      if (!found) throw new Error(`no element ${a.actionId} in message ${channel}/${ts}`);
      const threadTs = stored?.thread_ts;
      const triggerId = slack.issueTrigger({ userId });
      const responseUrl = slack.responseUrl({ channel, userId, messageTs: ts, ...(threadTs ? { threadTs } : {}) });
      const message = a.message ?? (stored && !a.container.ephemeral && 'postedBy' in stored ? slack.asSlackMessage(stored) : undefined);
      const payload = P.blockActionsPayload(w, {
        user: person(userId),
        triggerId,
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: Boolean(a.container.ephemeral), ...(threadTs ? { thread_ts: threadTs } : {}) },
        channel: channelRef(channel),
        ...(message ? { message } : {}),
        responseUrl,
        actions: [P.actionItem(found, a.value, actionTs())],
      });
      return { ...(await sendPayload(payload)), triggerId, responseUrl: responseUrl as string | undefined, payload };
    },

    /** A message shortcut used on a stored message (its payload carries the message as Slack returns it). */
    async messageShortcut(m: { callbackId: string; channel: string; ts: string; userId?: string }) {
      const userId = m.userId ?? 'U1';
      const stored = slack.message(m.channel, m.ts);
      if (!stored) throw new Error(`no message ${m.channel}/${m.ts}`);
      const triggerId = slack.issueTrigger({ userId });
      const responseUrl = slack.responseUrl({ channel: m.channel, userId, messageTs: m.ts, ...(stored.thread_ts ? { threadTs: stored.thread_ts } : {}) });
      const payload = P.messageShortcutPayload(w, {
        callbackId: m.callbackId,
        user: person(userId),
        triggerId,
        channel: channelRef(m.channel),
        message: slack.asSlackMessage(stored),
        messageTs: m.ts,
        responseUrl,
        actionTs: actionTs(),
      });
      return { ...(await sendPayload(payload)), triggerId, responseUrl };
    },

    /** Submits the open modal as Slack's client would; refuses (sent: false) what the client refuses. */
    async submitView(s: { viewId: string; userId?: string; values?: Record<string, FieldInput> }): Promise<SubmitViewResult> {
      const stored = slack.view(s.viewId);
      if (!stored || !stored.open || stored.view.type !== 'modal') throw new Error(`no open modal ${s.viewId}`);
      const stack = slack.openModals(stored.userId);
      if (stack[stack.length - 1]?.view.id !== s.viewId) throw new Error(`view ${s.viewId} is not the top of the modal stack`);
      if (!stored.view.submit) throw new Error(`view ${s.viewId} has no submit button`);
      const state = submissionState(stored.view, s.values ?? {});
      if (!state.ok) return { sent: false, clientErrors: state.clientErrors };
      slack.setViewState(s.viewId, state.values);
      const triggerId = slack.issueTrigger({ userId: s.userId ?? stored.userId, viewId: s.viewId });
      const payload = P.viewSubmissionPayload(w, { user: person(s.userId ?? stored.userId), view: stored.view as unknown as JsonObject, triggerId });
      const result = await sendPayload(payload);
      const outcome = result.timedOut
        ? ({ kind: 'timeout' } as const)
        : result.status !== 200
          ? ({ kind: 'http_error' } as const)
          : slack.applyViewResponse(s.viewId, result.text.trim() === '' ? undefined : (result.json ?? result.text));
      return { sent: true, ...result, outcome };
    },

    /** The user closes a modal; Slack sends view_closed only when the view asked for notify_on_close. */
    async closeView(c: { viewId: string; userId?: string }) {
      const stored = slack.view(c.viewId);
      if (!stored || !stored.open) throw new Error(`no open view ${c.viewId}`);
      slack.applyViewResponse(c.viewId, undefined);
      if (!stored.view.notify_on_close) return undefined;
      return sendPayload(P.viewClosedPayload(w, { user: person(c.userId ?? stored.userId), view: stored.view as unknown as JsonObject, isCleared: false }));
    },

    /** An options request from an external select once the user typed `value`. */
    async blockSuggestion(b: { viewId: string; actionId: string; blockId?: string; value: string; userId?: string }) {
      const stored = slack.view(b.viewId);
      if (!stored || !stored.open) throw new Error(`no open view ${b.viewId}`);
      const found = P.findElement(stored.view.blocks, b.actionId, b.blockId);
      if (!found || !['external_select', 'multi_external_select'].includes(String(found.element.type))) throw new Error(`no external select ${b.actionId} in view ${b.viewId}`);
      const min = typeof found.element.min_query_length === 'number' ? found.element.min_query_length : 3;
      if (b.value.length < min) throw new Error(`Slack sends no options request under min_query_length (${min})`);
      const payload = P.blockSuggestionPayload(w, {
        user: person(b.userId ?? stored.userId),
        container: { type: 'view', view_id: b.viewId },
        actionId: b.actionId,
        blockId: found.blockId,
        value: b.value,
        view: stored.view as unknown as JsonObject,
      });
      const result = await sendPayload(payload);
      return { ...result, ...checkOptionsResponse(result.json) };
    },

    event,

    /** A person's (or, with botId, the bot's own) message: stored in the fake, then delivered as a `message` event. */
    async message(m: { channel: string; user?: string; text: string; ts?: string; threadTs?: string; botId?: string; subtype?: string; retryNum?: number; retryReason?: string; eventId?: string }) {
      const user = m.user ?? (m.botId ? slack.botUserId : 'U1');
      const stored = userMessage({ ...m, user });
      const ev = P.messageEvent(w, {
        channel: m.channel,
        channelType: kindOf(m.channel),
        user,
        text: m.text,
        ts: stored.ts,
        ...(stored.thread_ts ? { threadTs: stored.thread_ts } : {}),
        ...(parentOf(m.channel, stored.thread_ts) ? { parentUserId: parentOf(m.channel, stored.thread_ts) as string } : {}),
        ...(m.botId ? { botId: m.botId } : {}),
        ...(m.subtype ? { subtype: m.subtype } : {}),
      });
      return { ...(await event(ev, m)), ts: stored.ts };
    },

    /** `@bot ...` in a channel: an app_mention event (text gets `<@BOT>` in front when it lacks it); `alsoMessageEvent` adds the message event Slack also sends. */
    async appMention(m: { channel?: string; user?: string; text: string; ts?: string; threadTs?: string; alsoMessageEvent?: boolean; retryNum?: number; retryReason?: string; eventId?: string }) {
      const channel = m.channel ?? 'C_GENERAL';
      const user = m.user ?? 'U1';
      const text = m.text.includes(`<@${slack.botUserId}>`) ? m.text : `<@${slack.botUserId}> ${m.text}`;
      const stored = userMessage({ channel, user, text, ...(m.ts ? { ts: m.ts } : {}), ...(m.threadTs ? { threadTs: m.threadTs } : {}) });
      const fields = {
        channel,
        user,
        text,
        ts: stored.ts,
        ...(stored.thread_ts ? { threadTs: stored.thread_ts } : {}),
        ...(parentOf(channel, stored.thread_ts) ? { parentUserId: parentOf(channel, stored.thread_ts) as string } : {}),
      };
      const result = await event(P.appMentionEvent(w, fields), m);
      if (m.alsoMessageEvent) await event(P.messageEvent(w, { ...fields, channelType: kindOf(channel) }));
      return { ...result, ts: stored.ts };
    },

    /** The user opens the app's Home tab; the event carries the Home view Slack holds, if any. */
    appHomeOpened(userId = 'U1') {
      const home = slack.homeView(userId);
      return event(P.appHomeOpenedEvent({ user: userId, channel: slack.imOf(userId) ?? `D${userId}`, ...(home ? { view: home.view as unknown as JsonObject } : {}), eventTs: actionTs() }));
    },

    urlVerification: (challenge: string) => send(JSON.stringify(P.urlVerification(w, challenge)), { contentType: 'json' }),
  };
}

export type SlackDriver = ReturnType<typeof createSlackDriver>;
