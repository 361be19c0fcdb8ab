/**
 * The log scanner: no token, signing secret or API key may appear in a line the bot logged or in anything it sent to
 * Slack (Web API calls, including those the fault proxy answered, response_url posts, views, stored messages).
 */
import type { FakeSlack } from '../fakes/fake-slack.js';

export interface Scannable {
  logs: readonly string[];
  secrets: readonly string[];
  slack: Pick<FakeSlack, 'calls' | 'ephemerals' | 'views' | 'channel' | 'messages'>;
  slackFaults?: { answered: ReadonlyArray<{ method: string; args: Record<string, unknown> }> };
}

/** Everything the bot told Slack, as `where: text` pairs. */
export function slackOutbound(h: Scannable): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const call of h.slack.calls) out.push({ where: `Slack call ${call.method}`, text: JSON.stringify(call.args) });
  for (const call of h.slackFaults?.answered ?? []) out.push({ where: `Slack call ${call.method} (answered by the fault proxy)`, text: JSON.stringify(call.args) });
  for (const e of h.slack.ephemerals()) out.push({ where: `ephemeral (${e.source})`, text: JSON.stringify(e) });
  for (const v of h.slack.views()) out.push({ where: `view ${v.view.id}`, text: JSON.stringify(v.versions) });
  const channels = new Set(['C_GENERAL', 'C_NOBOT', 'D_USER1', ...h.slack.calls.map((c) => String(c.args.channel ?? ''))]);
  for (const channel of channels) {
    if (!channel || !h.slack.channel(channel)) continue;
    for (const m of h.slack.messages(channel)) if (m.postedBy === 'bot') out.push({ where: `message ${channel}/${m.ts}`, text: JSON.stringify(m) });
  }
  return out;
}

/** One line per place a secret appears (the secret itself is not repeated in the report). */
export function leaksIn(h: Scannable): string[] {
  const secrets = h.secrets.filter((s) => s.length >= 6);
  const leaks: string[] = [];
  const check = (where: string, text: string) => {
    secrets.forEach((secret, i) => {
      if (text.includes(secret)) leaks.push(`secret #${i} in ${where}: ${text.split(secret).join('<SECRET>').slice(0, 300)}`);
    });
  };
  h.logs.forEach((line, i) => check(`log line ${i}`, line));
  for (const { where, text } of slackOutbound(h)) check(where, text);
  return leaks;
}
