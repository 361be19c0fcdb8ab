/**
 * Pure builders of the requests Slack sends to an app, in Slack's exact shapes (docs.slack.dev
 * interaction payloads, Events API, slash commands; @slack/bolt types).
 */
import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../fakes/fake-slack.js';
import { type FieldInput, stateValue } from '../fakes/slack/view-state.js';

export interface Workspace {
  teamId: string;
  teamDomain: string;
  apiAppId: string;
  botUserId: string;
  /** The deprecated verification token Slack still sends in payloads. */
  token: string;
}

export interface Person {
  id: string;
  name: string;
}

export const userRef = (w: Workspace, u: Person): JsonObject => ({ id: u.id, username: u.name, name: u.name, team_id: w.teamId });
const team = (w: Workspace): JsonObject => ({ id: w.teamId, domain: w.teamDomain });

export type ChannelKind = 'channel' | 'group' | 'im';

export function channelName(kind: ChannelKind, name: string | undefined): string {
  if (kind === 'im') return 'directmessage';
  if (kind === 'group') return name ?? 'privategroup';
  return name ?? 'channel';
}

/** Form fields of a slash command request. */
export function slashCommandForm(
  w: Workspace,
  o: { text: string; user: Person; channelId: string; channelName: string; command: string; responseUrl: string; triggerId: string },
): Record<string, string> {
  return {
    token: w.token,
    team_id: w.teamId,
    team_domain: w.teamDomain,
    channel_id: o.channelId,
    channel_name: o.channelName,
    user_id: o.user.id,
    user_name: o.user.name,
    command: o.command,
    text: o.text,
    api_app_id: w.apiAppId,
    is_enterprise_install: 'false',
    response_url: o.responseUrl,
    trigger_id: o.triggerId,
  };
}

/** The rich_text block Slack attaches to a person's message; `<@U…>` becomes a user element. */
export function richTextOf(text: string, blockId = 'rt0'): JsonObject[] {
  const elements: JsonObject[] = [];
  for (const part of text.split(/(<@[A-Z0-9_]+>)/)) {
    const mention = /^<@([A-Z0-9_]+)>$/.exec(part);
    if (mention?.[1]) elements.push({ type: 'user', user_id: mention[1] });
    else if (part !== '') elements.push({ type: 'text', text: part });
  }
  return [{ type: 'rich_text', block_id: blockId, elements: [{ type: 'rich_text_section', elements }] }];
}

export interface MessageEventInput {
  channel: string;
  channelType: ChannelKind;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
  parentUserId?: string;
  botId?: string;
  subtype?: string;
}

function messageFields(w: Workspace, e: Omit<MessageEventInput, 'channelType'>): JsonObject {
  const out: JsonObject = { user: e.user, text: e.text, ts: e.ts, team: w.teamId, channel: e.channel, event_ts: e.ts };
  if (e.botId) {
    out.bot_id = e.botId;
    out.app_id = w.apiAppId;
    out.bot_profile = { id: e.botId, app_id: w.apiAppId, name: 'jasper', team_id: w.teamId, deleted: false };
  } else {
    out.client_msg_id = randomUUID();
    out.blocks = richTextOf(e.text);
  }
  if (e.subtype) out.subtype = e.subtype;
  if (e.threadTs) {
    out.thread_ts = e.threadTs;
    if (e.parentUserId) out.parent_user_id = e.parentUserId;
  }
  return out;
}

export const messageEvent = (w: Workspace, e: MessageEventInput): JsonObject => ({
  type: 'message',
  ...messageFields(w, e),
  channel_type: e.channelType,
});

export const appMentionEvent = (w: Workspace, e: Omit<MessageEventInput, 'channelType' | 'botId' | 'subtype'>): JsonObject => ({
  type: 'app_mention',
  ...messageFields(w, e),
});

export const appHomeOpenedEvent = (o: { user: string; channel: string; view?: JsonObject; eventTs: string }): JsonObject => ({
  type: 'app_home_opened',
  user: o.user,
  channel: o.channel,
  tab: 'home',
  ...(o.view ? { view: o.view } : {}),
  event_ts: o.eventTs,
});

export function eventEnvelope(w: Workspace, event: JsonObject, o: { eventId: string; eventTime: number }): JsonObject {
  return {
    token: w.token,
    team_id: w.teamId,
    context_team_id: w.teamId,
    context_enterprise_id: null,
    api_app_id: w.apiAppId,
    event,
    type: 'event_callback',
    event_id: o.eventId,
    event_time: o.eventTime,
    authorizations: [{ enterprise_id: null, team_id: w.teamId, user_id: w.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(o.eventId).toString('base64url')}`,
  };
}

export const urlVerification = (w: Workspace, challenge: string): JsonObject => ({ token: w.token, challenge, type: 'url_verification' });

const isObj = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface FoundElement {
  element: JsonObject;
  blockId: string;
  block: JsonObject;
}

/** Finds an interactive element by action_id (and block_id) where Slack renders one. */
export function findElement(blocks: readonly JsonObject[], actionId: string, blockId?: string): FoundElement | undefined {
  for (const block of blocks) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    const candidates: Json[] = [
      ...(Array.isArray(block.elements) ? block.elements : []),
      ...(block.accessory !== undefined ? [block.accessory] : []),
      ...(block.element !== undefined ? [block.element] : []),
    ];
    const element = candidates.find((c): c is JsonObject => isObj(c) && c.action_id === actionId);
    if (element) return { element, blockId: String(block.block_id), block };
  }
  return undefined;
}

/** One entry of `actions` in a block_actions payload: what Slack reports for a click or a choice. */
export function actionItem(found: FoundElement, input: FieldInput | undefined, actionTs: string): JsonObject {
  const { element } = found;
  const base: JsonObject = { type: String(element.type), action_id: String(element.action_id), block_id: found.blockId, action_ts: actionTs };
  switch (element.type) {
    case 'button':
    case 'workflow_button':
    case 'icon_button':
      return {
        ...base,
        text: isObj(element.text) ? { ...element.text, emoji: true } : { type: 'plain_text', text: '' },
        ...(element.value !== undefined ? { value: typeof input === 'string' ? input : element.value } : typeof input === 'string' ? { value: input } : {}),
        ...(element.style !== undefined ? { style: element.style } : {}),
        ...(element.url !== undefined ? { url: element.url } : {}),
      };
    case 'overflow': {
      const option = (Array.isArray(element.options) ? element.options : []).find((o) => isObj(o) && o.value === input);
      if (!isObj(option)) throw new Error(`overflow ${String(element.action_id)} has no option "${String(input)}"`);
      return { ...base, selected_option: option };
    }
    default: {
      const { type: _type, ...state } = stateValue(element, input);
      return {
        ...base,
        ...state,
        ...(element.placeholder !== undefined ? { placeholder: element.placeholder } : {}),
        ...(element.initial_option !== undefined ? { initial_option: element.initial_option } : {}),
      };
    }
  }
}

export function blockActionsPayload(
  w: Workspace,
  o: {
    user: Person;
    triggerId: string;
    actions: JsonObject[];
    container: JsonObject;
    channel?: { id: string; name: string };
    message?: JsonObject;
    view?: JsonObject;
    responseUrl?: string;
    state?: JsonObject;
  },
): JsonObject {
  return {
    type: 'block_actions',
    user: userRef(w, o.user),
    api_app_id: w.apiAppId,
    token: w.token,
    container: o.container,
    trigger_id: o.triggerId,
    team: team(w),
    enterprise: null,
    is_enterprise_install: false,
    ...(o.channel ? { channel: o.channel } : {}),
    ...(o.message ? { message: o.message } : {}),
    ...(o.view ? { view: o.view } : {}),
    ...(o.state ? { state: o.state } : o.message ? { state: { values: {} } } : {}),
    ...(o.responseUrl ? { response_url: o.responseUrl } : {}),
    actions: o.actions,
  };
}

/** A message shortcut (`message_action`), as Slack sends it: the message itself, its channel, who used it. */
export function messageShortcutPayload(
  w: Workspace,
  o: { callbackId: string; user: Person; triggerId: string; channel: { id: string; name: string }; message: JsonObject; messageTs: string; responseUrl: string; actionTs: string },
): JsonObject {
  return {
    type: 'message_action',
    token: w.token,
    action_ts: o.actionTs,
    team: team(w),
    user: { id: o.user.id, name: o.user.name, username: o.user.name, team_id: w.teamId },
    channel: o.channel,
    is_enterprise_install: false,
    enterprise: null,
    callback_id: o.callbackId,
    trigger_id: o.triggerId,
    response_url: o.responseUrl,
    message_ts: o.messageTs,
    message: o.message,
  };
}

export const viewSubmissionPayload = (w: Workspace, o: { user: Person; view: JsonObject; triggerId: string }): JsonObject => ({
  type: 'view_submission',
  team: team(w),
  user: userRef(w, o.user),
  api_app_id: w.apiAppId,
  token: w.token,
  trigger_id: o.triggerId,
  view: o.view,
  response_urls: [],
  is_enterprise_install: false,
  enterprise: null,
});

export const viewClosedPayload = (w: Workspace, o: { user: Person; view: JsonObject; isCleared: boolean }): JsonObject => ({
  type: 'view_closed',
  team: team(w),
  user: userRef(w, o.user),
  api_app_id: w.apiAppId,
  token: w.token,
  view: o.view,
  is_cleared: o.isCleared,
  is_enterprise_install: false,
  enterprise: null,
});

export const blockSuggestionPayload = (
  w: Workspace,
  o: { user: Person; container: JsonObject; actionId: string; blockId: string; value: string; view?: JsonObject },
): JsonObject => ({
  type: 'block_suggestion',
  user: userRef(w, o.user),
  container: o.container,
  api_app_id: w.apiAppId,
  token: w.token,
  action_id: o.actionId,
  block_id: o.blockId,
  value: o.value,
  team: team(w),
  enterprise: null,
  is_enterprise_install: false,
  ...(o.view ? { view: o.view } : {}),
});
