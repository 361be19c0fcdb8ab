/** A small Bolt app (HTTP mode) used only to prove the driver and the fake work with Bolt. */
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { FakeSlack } from '../fakes/fake-slack.js';
import { silentLogger } from './helpers.js';

export interface ProbeApp {
  url: string;
  retries: Array<number | undefined>;
  stop(): Promise<void>;
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export async function startProbeApp(fake: FakeSlack, signingSecret: string): Promise<ProbeApp> {
  const app = new App({ token: fake.botToken, signingSecret, logger: silentLogger, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
  const retries: Array<number | undefined> = [];

  app.command('/jasper', async ({ ack, body, client }) => {
    if (body.text === 'help') return ack({ text: 'Usage: /jasper run <task>' });
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'run_task',
        private_metadata: body.channel_id,
        title: plain('Blog post'),
        submit: plain('Run'),
        blocks: [
          { type: 'input', block_id: 'topic', label: plain('Topic'), element: { type: 'plain_text_input', action_id: 'value' } },
          { type: 'input', block_id: 'style', optional: true, label: plain('Style'), element: { type: 'external_select', action_id: 'style', min_query_length: 0 } },
          { type: 'input', block_id: 'tone', label: plain('Tone'), element: { type: 'static_select', action_id: 'tone', options: [{ text: plain('Formal'), value: 'formal' }, { text: plain('Casual'), value: 'casual' }] } },
        ],
      },
    });
  });
  app.options('style', async ({ ack, payload }) => {
    await ack({ options: [{ text: plain(`Style ${payload.value || 'any'}`), value: 'style-1' }] });
  });
  app.view('run_task', async ({ ack, view, client }) => {
    const topic = view.state.values.topic?.value?.value ?? '';
    if (topic.length < 3) return ack({ response_action: 'errors', errors: { topic: 'Too short' } });
    await ack();
    const tone = view.state.values.tone?.tone?.selected_option?.value ?? '';
    await client.chat.postMessage({
      channel: view.private_metadata,
      text: `Running ${topic}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `Running *${topic}* (${tone})` } },
        { type: 'actions', elements: [{ type: 'button', action_id: 'cancel', text: plain('Cancel'), value: 'run-1' }] },
      ],
    });
  });
  app.action('cancel', async ({ ack, respond, body }) => {
    await ack();
    await respond({ text: `Cancelled ${(body as { actions: Array<{ value?: string }> }).actions[0]?.value ?? ''}`, response_type: 'ephemeral', replace_original: false });
  });
  app.event('app_mention', async ({ event, client }) => {
    await client.chat.postMessage({ channel: event.channel, thread_ts: event.thread_ts ?? event.ts, text: 'On it' });
  });
  app.message(async ({ context }) => {
    retries.push(context.retryNum);
  });
  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your tasks' } }] } });
  });

  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, retries, stop: () => app.stop().then(() => undefined) };
}
