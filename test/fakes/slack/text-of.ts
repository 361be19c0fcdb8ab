/**
 * What a person sees of a message, flattened to text. With blocks, Slack shows the blocks and uses `text`
 * only for notifications, so `text` counts only when there are no blocks.
 */
import type { Json, JsonObject, StoredEphemeral, StoredMessage, StreamState } from './types.js';

const isObj = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const textIn = (v: Json | undefined): string => (isObj(v) && typeof v.text === 'string' ? v.text : '');

function richText(v: Json | undefined): string {
  if (Array.isArray(v)) return v.map(richText).join('');
  if (!isObj(v)) return '';
  switch (v.type) {
    case 'text':
      return typeof v.text === 'string' ? v.text : '';
    case 'link':
      return typeof v.text === 'string' ? v.text : String(v.url ?? '');
    case 'user':
      return `<@${String(v.user_id ?? '')}>`;
    case 'channel':
      return `<#${String(v.channel_id ?? '')}>`;
    case 'emoji':
      return `:${String(v.name ?? '')}:`;
    case 'rich_text_list':
      return Array.isArray(v.elements) ? v.elements.map(richText).join('\n') : '';
    default:
      return richText(v.elements) + (v.type === 'rich_text_section' || v.type === 'rich_text_preformatted' || v.type === 'rich_text_quote' ? '\n' : '');
  }
}

function elementText(e: Json | undefined): string {
  if (!isObj(e)) return '';
  if (e.type === 'button' || e.type === 'workflow_button' || e.type === 'icon_button') return textIn(e.text);
  if (e.type === 'plain_text' || e.type === 'mrkdwn') return typeof e.text === 'string' ? e.text : '';
  if (isObj(e.initial_option)) return textIn(e.initial_option.text);
  return '';
}

export function blocksText(blocks: readonly Json[]): string {
  const lines: string[] = [];
  for (const b of blocks) {
    if (!isObj(b)) continue;
    switch (b.type) {
      case 'section':
        lines.push(textIn(b.text));
        if (Array.isArray(b.fields)) lines.push(...b.fields.map(textIn));
        lines.push(elementText(b.accessory));
        break;
      case 'header':
        lines.push(textIn(b.text));
        break;
      case 'markdown':
        lines.push(typeof b.text === 'string' ? b.text : '');
        break;
      case 'context':
      case 'actions':
      case 'context_actions':
        if (Array.isArray(b.elements)) lines.push(b.elements.map(elementText).filter(Boolean).join(' '));
        break;
      case 'rich_text':
        lines.push(richText(b.elements).trimEnd());
        break;
      case 'input':
        lines.push(textIn(b.label));
        break;
      case 'plan':
        lines.push(typeof b.title === 'string' ? b.title : '');
        if (Array.isArray(b.tasks)) lines.push(...b.tasks.map((t) => (isObj(t) ? `${String(t.title ?? '')} (${String(t.status ?? '')})` : '')));
        break;
      case 'task_card':
        lines.push(`${String(b.title ?? '')} (${String(b.status ?? '')})`);
        break;
      default:
        break;
    }
  }
  return lines.filter((l) => l !== '').join('\n');
}

function streamText(s: StreamState): string {
  const lines: string[] = [];
  if (s.planTitle) lines.push(s.planTitle);
  for (const t of s.tasks) {
    lines.push(`${t.title} (${t.status})`);
    if (t.details) lines.push(t.details);
    if (t.output) lines.push(t.output);
  }
  if (s.markdown) lines.push(s.markdown);
  lines.push(blocksText(s.blocks), blocksText(s.stopBlocks));
  return lines.filter((l) => l !== '').join('\n');
}

export function textOf(m: StoredMessage | StoredEphemeral | undefined): string {
  if (!m) return '';
  const parts: string[] = [];
  if ('stream' in m && m.stream) parts.push(streamText(m.stream));
  else if (m.blocks && m.blocks.length > 0) parts.push(blocksText(m.blocks));
  else if ('markdown_text' in m && m.markdown_text !== undefined) parts.push(m.markdown_text);
  else parts.push(m.text);
  if ('stream' in m && m.stream && m.blocks && m.blocks.length > 0) parts.push(blocksText(m.blocks));
  if ('files' in m && m.files) parts.push(...m.files.map((f) => `[file: ${f.title}]`));
  return parts.filter((p) => p !== '').join('\n');
}
