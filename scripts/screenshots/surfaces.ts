/**
 * What a person sees, captured from the fake Slack at one moment: a channel's or thread's messages, an ephemeral
 * message, a modal or App Home. Copied out of the fake's state, so a later update does not change an earlier capture.
 */
import { DEFAULT_USERS } from '../../test/fakes/slack/state.js';
import type { FakeSlack, JsonObject, StoredEphemeral, StoredMessage, StreamState, TaskState } from '../../test/fakes/fake-slack.js';

export interface ShownMessage {
  author: 'bot' | string;
  blocks: JsonObject[];
  reactions: string[];
  /** "Only visible to you" (ephemeral and slash-command answers). */
  ephemeral: boolean;
}

/** Who an `<@U…>` or `<#C…>` names, so mentions read as Slack shows them. */
export interface Directory {
  users: Array<{ id: string; name: string }>;
  channels: Array<{ id: string; name: string }>;
}

export type Surface = { name: string; caption: string; directory: Directory } & (
  | { kind: 'messages'; messages: ShownMessage[] }
  | { kind: 'modal' | 'home'; title: string; submit?: string; close?: string; blocks: JsonObject[] }
);

function directory(slack: FakeSlack): Directory {
  const users = Object.keys(DEFAULT_USERS).map((id) => ({ id, name: slack.user(id)?.name ?? id }));
  const channels = ['C_GENERAL'].map((id) => ({ id, name: slack.channel(id)?.name ?? id }));
  return { users: [...users, { id: slack.botUserId, name: 'Jasper' }], channels };
}

const copy = <T>(value: T): T => structuredClone(value);

const plainSection = (text: string): JsonObject => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A streamed reply shows its plan (task cards), its Markdown, then blocks given along the stream and at its end. */
function streamBlocks(stream: StreamState): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (stream.tasks.length > 0) blocks.push({ type: 'plan', title: stream.planTitle ?? 'Steps', tasks: stream.tasks.map(taskCard) });
  if (stream.markdown.trim() !== '') blocks.push({ type: 'markdown', text: stream.markdown });
  return [...blocks, ...stream.blocks, ...stream.stopBlocks];
}

function taskCard(task: TaskState): JsonObject {
  const richText = (text: string): JsonObject => ({ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] });
  return {
    type: 'task_card',
    task_id: task.id,
    title: task.title,
    status: task.status,
    ...(task.details ? { details: richText(task.details) } : {}),
    ...(task.output ? { output: richText(task.output) } : {}),
  };
}

function shownMessage(slack: FakeSlack, m: StoredMessage): ShownMessage {
  let blocks: JsonObject[];
  if (m.stream) blocks = streamBlocks(m.stream);
  else if (m.blocks && m.blocks.length > 0) blocks = m.blocks;
  else if (m.markdown_text) blocks = [{ type: 'markdown', text: m.markdown_text }];
  else blocks = [plainSection(m.text)];
  for (const file of m.files ?? []) blocks = [...blocks, { type: 'context', elements: [{ type: 'mrkdwn', text: `:page_facing_up: ${file.name}` }] }];
  const author = m.postedBy === 'bot' ? 'bot' : (slack.user(m.user)?.realName ?? m.user);
  return copy({ author, blocks, reactions: m.reactions ?? [], ephemeral: false });
}

function shownEphemeral(e: StoredEphemeral): ShownMessage {
  const blocks = e.blocks && e.blocks.length > 0 ? e.blocks : [plainSection(e.text)];
  return copy({ author: 'bot', blocks, reactions: [], ephemeral: true });
}

/** A thread as Slack's thread pane shows it: the root, then every reply. */
export function threadSurface(slack: FakeSlack, name: string, caption: string, channel: string, rootTs: string): Surface {
  return { kind: 'messages', name, caption, directory: directory(slack), messages: slack.thread(channel, rootTs).map((m) => shownMessage(slack, m)) };
}

/** The last ephemeral message `user` was shown (a slash command's answer, or a response_url post). */
export function ephemeralSurface(slack: FakeSlack, name: string, caption: string, user = 'U1'): Surface {
  const last = slack.ephemerals({ user }).at(-1);
  if (!last) throw new Error(`no ephemeral message for ${user} to show as ${name}`);
  return { kind: 'messages', name, caption, directory: directory(slack), messages: [shownEphemeral(last)] };
}

export function viewSurface(slack: FakeSlack, name: string, caption: string, viewId: string): Surface {
  const stored = slack.view(viewId);
  if (!stored) throw new Error(`no view ${viewId} to show as ${name}`);
  const v = stored.view;
  const text = (o: JsonObject | null | undefined) => (o && typeof o.text === 'string' ? o.text : undefined);
  const submit = text(v.submit);
  const close = text(v.close);
  return copy({
    kind: v.type,
    name,
    caption,
    directory: directory(slack),
    title: text(v.title) ?? 'Home',
    ...(submit ? { submit } : {}),
    ...(v.type === 'modal' ? { close: close ?? 'Cancel' } : {}),
    blocks: v.blocks,
  });
}

export function homeSurface(slack: FakeSlack, name: string, caption: string, user = 'U1'): Surface {
  const home = slack.homeView(user);
  if (!home) throw new Error(`no Home view for ${user}`);
  return viewSurface(slack, name, caption, home.view.id);
}
