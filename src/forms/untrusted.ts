/**
 * The one place text that did not come from the bot (task names and descriptions, questions, outputs, upstream errors,
 * file names, what people typed) is made safe for the Slack field it goes into: no special mention (`<!channel>`,
 * `<!here>`, `<!subteam^…>`), user mention or disguised link (`<https://a|b>`) can be formed from it.
 *
 * It lives in forms/ because every builder (forms/ must stay pure) and the Slack side both use it.
 */

import { stripControlChars } from '../inputs/text.js';

export { stripControlChars };

/**
 * For mrkdwn and a message's top-level `text`: Slack reads `&`, `<` and `>` as its control characters, so as entities
 * they show as themselves and nothing between them is parsed (code included).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Breaks the sequence between an opening `<` and what would make it a mention, a channel link or a link. */
const BREAK = '\u200B';
const TOKEN_START = /[!@#A-Za-z]/;
/** `<` as an entity, in case Slack decodes entities in Markdown before it looks for its own tokens. */
const LT_ENTITY = /^&(?:lt|#0*60|#x0*3c);$/i;
const LONGEST_ENTITY = '&#x003c;'.length;

/**
 * For `markdown_text` (streamed chunks and posted output), where entities would show as typed: a zero-width space goes
 * between every `<` (or `&lt;`) and a character that could open a Slack token, so Markdown itself still renders.
 * Stateful, so that a token split across chunks (`<!chan` | `nel>`) is broken too: feed every chunk of one message,
 * in order, to one instance. The concatenated output equals `neutraliseMarkdown` of the concatenated input.
 */
export class MarkdownNeutraliser {
  private afterOpen = false;
  private entity = '';

  push(chunk: string): string {
    // The common case on the streaming hot path: nothing that could open a token, nothing pending.
    if (!this.afterOpen && !this.entity && !/[<&]/.test(chunk)) return stripControlChars(chunk);
    let out = '';
    for (const ch of stripControlChars(chunk)) {
      if (this.afterOpen && TOKEN_START.test(ch)) out += BREAK;
      this.afterOpen = false;
      out += ch;
      if (ch === '<') {
        this.afterOpen = true;
        this.entity = '';
      } else if (ch === '&') {
        this.entity = '&';
      } else if (this.entity) {
        this.entity += ch;
        if (ch === ';') {
          this.afterOpen = LT_ENTITY.test(this.entity);
          this.entity = '';
        } else if (this.entity.length >= LONGEST_ENTITY) {
          this.entity = '';
        }
      }
    }
    return out;
  }
}

/** One whole piece of Markdown (a posted output message, a `markdown` block). */
export function neutraliseMarkdown(text: string): string {
  return new MarkdownNeutraliser().push(text);
}
