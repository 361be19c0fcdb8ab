/**
 * The baseline the bot's pacing is compared with: a renderer that edits one progress message with `chat.update` for
 * every upstream chunk (step or text frame), with no coalescing, against the same fake Slack and the same upstream.
 */
import { LogLevel, type Logger } from '@slack/logger';
import { WebClient } from '@slack/web-api';
import { createJasperProvider } from '../src/providers/jasper/jasper-provider.js';
import type { Provider, TaskDefinition } from '../src/providers/types.js';
import { BLOG_POST_TASK } from '../test/fakes/fake-jasper.js';
import { APP_HEADER } from '../test/support/slack-gate.js';
import { TOPIC_FIELD } from './world.js';

const SILENT: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {} };

/** chat.update's markdown_text holds 12,000 characters; the naive renderer shows the tail when the text is longer. */
const SHOWN = 11_000;

export interface NaiveRenderer {
  run(o: { channel: string; user: string; tag: string; signal?: AbortSignal }): Promise<{ updates: number; rejected: number; ok: boolean }>;
}

export async function createNaiveRenderer(o: { slackApiUrl: string; token: string; jasperBaseURL: string; jasperApiKey: string; rejectRateLimited: boolean }): Promise<NaiveRenderer> {
  // Posts wait out a 429 (a few retries); updates are refused on a 429 when asked to (counted, then the next chunk).
  // Another app as far as Slack's limits go (the gate keys its buckets by this header), and quiet.
  const common = { slackApiUrl: o.slackApiUrl, headers: { [APP_HEADER]: 'naive' }, logger: SILENT };
  const poster = new WebClient(o.token, { ...common, retryConfig: { retries: 5, factor: 1, minTimeout: 100, maxTimeout: 1_000 } });
  const client = new WebClient(o.token, { ...common, rejectRateLimitedCalls: o.rejectRateLimited, retryConfig: { retries: 0 } });
  const provider: Provider = createJasperProvider({ apiKey: o.jasperApiKey, baseURL: o.jasperBaseURL });
  const task: TaskDefinition = await provider.getTask(BLOG_POST_TASK.id);
  return {
    async run({ channel, user, tag, signal }) {
      const root = await poster.chat.postMessage({ channel, text: `<@${user}> asked for Blog Post (naive renderer) · ${tag}` });
      const progress = await poster.chat.postMessage({ channel, thread_ts: root.ts as string, text: 'Working on Blog Post…' });
      const ts = progress.ts as string;
      let output = '';
      let step = '';
      let updates = 0;
      let rejected = 0;
      let ok = false;
      const update = async (markdown: string) => {
        updates += 1;
        try {
          await client.chat.update({ channel, ts, markdown_text: markdown });
        } catch {
          rejected += 1;
        }
      };
      for await (const event of provider.run({ task, values: { [TOPIC_FIELD.id]: tag }, signal: signal ?? new AbortController().signal })) {
        if (event.type === 'text') {
          output += event.delta;
          await update(output.slice(-SHOWN));
        } else if (event.type === 'step') {
          step = event.label;
          await update(`_${step}_\n\n${output.slice(-SHOWN)}`);
        } else if (event.type === 'done') {
          ok = true;
          break;
        } else if (event.type === 'error') {
          break;
        }
      }
      if (signal?.aborted) return { updates, rejected, ok: false };
      await update(output.slice(-SHOWN) || 'Done.');
      await client.chat.update({ channel, ts: root.ts as string, text: `Blog Post for <@${user}>: ${ok ? 'Done' : 'Failed'} · ${tag}` }).catch(() => (rejected += 1));
      return { updates, rejected, ok };
    },
  };
}


