/**
 * Surfaces to HTML with slack-blocks-to-jsx (a maintained Block Kit renderer) and react-dom/server: a message list
 * as a Slack thread pane, a modal as Slack's dialog, Home as the app's Home tab. Everything is rendered as given;
 * the renderer escapes text as React does, so output from the bot or the fakes cannot inject markup.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Message, type Block } from 'slack-blocks-to-jsx';
import type { JsonObject } from '../../test/fakes/fake-slack.js';
import type { Directory, ShownMessage, Surface } from './surfaces.js';

const require = createRequire(import.meta.url);
const RENDERER_CSS = readFileSync(require.resolve('slack-blocks-to-jsx/dist/style.css'), 'utf8');

export const BOT_NAME = 'Jasper';
/** One time on every message, so that making the images again changes only what the bot changed. */
const SHOWN_AT = new Date(2026, 0, 15, 9, 41);

/** An avatar as an inline SVG (no network): a coloured square with an initial. */
function avatar(name: string, colour: string): string {
  const initial = (name.trim()[0] ?? '?').toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="36" height="36"><rect width="36" height="36" rx="6" fill="${colour}"/><text x="18" y="24" font-family="sans-serif" font-size="18" font-weight="700" fill="#fff" text-anchor="middle">${initial.replace(/[<&>"]/g, '')}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

const FRAME_CSS = `
  body { margin: 0; background: #fff; font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Noto Sans', Helvetica, Arial, sans-serif, 'Noto Color Emoji'; }
  #surface { width: 680px; padding: 16px 20px; box-sizing: border-box; }
  .caption { font: 600 13px/1.4 sans-serif; color: #616061; margin: 0 0 12px; }
  .msg { padding: 8px 0; }
  .only-you { font: 12px/1.4 sans-serif; color: #616061; margin: 0 0 4px 44px; }
  .reactions { margin: 4px 0 0 44px; display: flex; gap: 4px; }
  .reaction { border: 1px solid #d0e5f5; background: #eef6fc; border-radius: 12px; padding: 1px 8px; font-size: 13px; }
  .replies { border-top: 1px solid #e8e8e8; margin: 4px 0; padding-top: 4px; font: 12px sans-serif; color: #616061; }
  .dialog { border: 1px solid #ddd; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.12); }
  .dialog-title { font: 700 20px/1.3 sans-serif; padding: 18px 20px; border-bottom: 1px solid #e8e8e8; }
  .dialog-body { padding: 12px 20px; }
  .dialog-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 14px 20px; border-top: 1px solid #e8e8e8; }
  .btn { font: 700 14px sans-serif; border-radius: 4px; padding: 7px 14px; border: 1px solid #bbb; background: #fff; }
  .btn.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
  .home-tabs { font: 700 14px sans-serif; display: flex; gap: 18px; border-bottom: 1px solid #e8e8e8; padding-bottom: 8px; margin-bottom: 8px; }
  /* The renderer marks every author APP, adds an "enter to submit" line under text inputs and an "External data
     source" note under external menus (over the hint); Slack shows none of them. */
  .person .slack_blocks_to_jsx--header > div:first-of-type { display: none; }
  .text-small.flex.gap-1 > p { display: none; }
  .absolute.-bottom-5.left-0 { display: none; }
  .home-tabs span:first-child { border-bottom: 2px solid #1264a3; }
`;

const blocks = (list: unknown[]) => list as Block[];

/** Slack adds "(optional)" after the label of an optional input; the renderer does not, so it is added here. */
function withOptionalMarks(list: JsonObject[]): JsonObject[] {
  return list.map((b) => {
    const label = b.label;
    if (b.type !== 'input' || b.optional !== true || !label || typeof label !== 'object' || Array.isArray(label) || typeof label.text !== 'string') return b;
    return { ...b, label: { ...label, text: `${label.text} (optional)` } };
  });
}

/** A reaction pill: the emoji as the renderer draws it, and a count of one (the bot's own). */
function reaction(name: string): ReactElement {
  const emoji = { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'emoji', name }, { type: 'text', text: ' 1' }] }] };
  return createElement(Message, { blocks: blocks([emoji]), logo: '', name: BOT_NAME, theme: 'light', withoutWrapper: true });
}

function messageElement(m: ShownMessage, i: number, userColours: Map<string, string>, data: Directory): ReactElement {
  const isBot = m.author === 'bot';
  const name = isBot ? BOT_NAME : m.author;
  if (!isBot && !userColours.has(name)) userColours.set(name, ['#4a154b', '#1264a3', '#e01e5a'][userColours.size % 3]!);
  const logo = avatar(name, isBot ? '#0b7a75' : userColours.get(name)!);
  return createElement(
    'div',
    { className: isBot ? 'msg' : 'msg person', key: i },
    m.ephemeral ? createElement('div', { className: 'only-you' }, 'Only visible to you') : null,
    createElement(Message, { blocks: blocks(m.blocks), logo, name, theme: 'light', data, time: SHOWN_AT }),
    m.reactions.length > 0
      ? createElement('div', { className: 'reactions' }, ...m.reactions.map((r, j) => createElement('span', { className: 'reaction', key: j }, reaction(r))))
      : null,
  );
}

function surfaceElement(s: Surface): ReactElement {
  const caption = createElement('p', { className: 'caption' }, s.caption);
  if (s.kind === 'messages') {
    const colours = new Map<string, string>();
    const [first, ...rest] = s.messages;
    return createElement(
      'div',
      { id: 'surface' },
      caption,
      first ? messageElement(first, 0, colours, s.directory) : null,
      rest.length > 0 ? createElement('div', { className: 'replies' }, `${rest.length} ${rest.length === 1 ? 'reply' : 'replies'}`) : null,
      ...rest.map((m, i) => messageElement(m, i + 1, colours, s.directory)),
    );
  }
  const body = createElement(Message, { blocks: blocks(withOptionalMarks(s.blocks)), logo: '', name: BOT_NAME, theme: 'light', withoutWrapper: true, data: s.directory });
  if (s.kind === 'home') {
    const tabs = createElement('div', { className: 'home-tabs' }, createElement('span', null, 'Home'), createElement('span', null, 'Messages'), createElement('span', null, 'About'));
    return createElement('div', { id: 'surface' }, caption, tabs, body);
  }
  return createElement(
    'div',
    { id: 'surface' },
    caption,
    createElement(
      'div',
      { className: 'dialog' },
      createElement('div', { className: 'dialog-title' }, s.title),
      createElement('div', { className: 'dialog-body' }, body),
      createElement(
        'div',
        { className: 'dialog-foot' },
        s.close ? createElement('span', { className: 'btn' }, s.close) : null,
        s.submit ? createElement('span', { className: 'btn primary' }, s.submit) : null,
      ),
    ),
  );
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The stylesheet the saved pages share (`surfaceHtml(s, 'linked')` loads it from beside them). */
export const SURFACE_CSS = `${RENDERER_CSS}\n${FRAME_CSS}`;
export const SURFACE_CSS_FILE = 'slack.css';

/**
 * A whole HTML page for one surface: with the CSS inlined (for the camera: the page loads nothing), or linked to
 * `SURFACE_CSS_FILE` (for the saved pages, which would otherwise each carry 48 kB of the same CSS).
 */
export function surfaceHtml(s: Surface, css: 'inline' | 'linked' = 'inline'): string {
  const markup = renderToStaticMarkup(surfaceElement(s));
  const style = css === 'inline' ? `<style>${SURFACE_CSS}</style>` : `<link rel="stylesheet" href="${SURFACE_CSS_FILE}">`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(s.name)}</title>${style}</head><body>${markup}</body></html>`;
}

/** The index: every surface's caption, its image (when one was taken) and a link to its HTML. */
export function indexHtml(surfaces: readonly Surface[], withImages: boolean): string {
  const items = surfaces
    .map((s) => {
      const name = escapeHtml(s.name);
      const image = withImages ? `<a href="${name}.png"><img src="${name}.png" alt="${name}" width="680"></a>` : '';
      return `<section><h2>${name}</h2><p>${escapeHtml(s.caption)} · <a href="html/${name}.html">HTML</a></p>${image}</section>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>What the bot shows</title><style>body{font-family:sans-serif;max-width:760px;margin:24px auto}section{margin-bottom:40px}img{border:1px solid #ddd}</style></head><body><h1>What the bot shows</h1><p>Made by <code>npm run screenshots</code> against the test fakes.</p>\n${items}\n</body></html>`;
}
