/**
 * Finds what Slack would turn into a ping or a disguised link in what the bot sent: `<!channel>`, `<!here>`,
 * `<!everyone>`, `<!subteam^…>`, `<@U…>`, `<#C…>` and `<scheme:…|label>`, in every field Slack formats (a message's
 * `text`, mrkdwn text objects, `markdown_text`, markdown blocks and chunks, task chunk titles and details). plain_text
 * objects are not formatted by Slack. In Markdown fields entities are decoded first, in case Slack decodes them.
 */
const TOKEN = /<(?:[!@#][^<>]*|[a-z][a-z0-9+.-]*:[^<>|]*\|[^<>]*)>/gi;
const FORMATTED_KEYS = new Set(['text', 'markdown_text', 'title', 'details', 'fallback', 'pretext']);

export interface Found {
  where: string;
  token: string;
}

export function liveTokens(where: string, value: unknown, allowed: readonly string[]): Found[] {
  const found: Found[] = [];
  const visit = (node: unknown, path: string, markdown: boolean): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}[${i}]`, markdown));
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'plain_text') return;
    const inMarkdown = markdown || record.type === 'markdown' || record.type === 'markdown_text';
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === 'string' && FORMATTED_KEYS.has(key)) {
        const text = inMarkdown || key === 'markdown_text' ? decodeEntities(child) : child;
        for (const token of text.match(TOKEN) ?? []) if (!allowed.includes(token)) found.push({ where: `${where} ${path}.${key}`, token });
      } else {
        visit(child, `${path}.${key}`, inMarkdown);
      }
    }
  };
  visit(value, '', false);
  return found;
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;|&#0*60;|&#x0*3c;/gi, '<').replace(/&gt;|&#0*62;|&#x0*3e;/gi, '>').replace(/&amp;/g, '&');
}
