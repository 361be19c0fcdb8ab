import { accept, type CheckedText, refuse, shown } from '../providers/values/checked-text.js';

/** A web address: absolute, http or https only (an agent that browses opens web pages, not files or scripts). */
export function checkUrl(text: string): CheckedText {
  const typed = text.trim();
  // Slack shows a pasted link as <https://…> or <https://…|label> in a message's text.
  const link = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(typed)?.[1] ?? typed;
  if (!URL.canParse(link)) return refuse(`${shown(link)} is not a web address: give a full one such as https://example.com/page.`);
  const url = new URL(link);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse(`The address must start with http:// or https:// (not ${url.protocol}).`);
  }
  if (url.hostname === '') return refuse(`${shown(link)} has no site name: give a full address such as https://example.com/page.`);
  return accept(link);
}
