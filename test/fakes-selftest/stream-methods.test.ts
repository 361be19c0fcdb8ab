import { describe, expect, it } from 'vitest';
import { fakeWithClient, slackError } from './helpers.js';

const recipient = { recipient_user_id: 'U1', recipient_team_id: 'T0001' };

describe('fake Slack chat streaming, driven by WebClient.chatStream', () => {
  it('keeps the streamed markdown and the latest state of each task', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const root = fake.addUserMessage({ channel: 'C_GENERAL', user: 'U1', text: 'run it' });
      const streamer = client.chatStream({ channel: 'C_GENERAL', thread_ts: root.ts, ...recipient, buffer_size: 10 });
      await streamer.append({ markdown_text: 'Writing the ' });
      await streamer.append({ markdown_text: 'intro. ', chunks: [{ type: 'task_update', id: 's1', title: 'Research', status: 'in_progress', details: 'a' }] });
      await streamer.append({ chunks: [{ type: 'task_update', id: 's1', title: 'Research', status: 'complete', details: 'b' }, { type: 'plan_update', title: 'Plan' }] });
      await streamer.stop({ markdown_text: 'Done.' });
      const msg = fake.message('C_GENERAL', streamer.ts as string);
      expect(msg?.thread_ts).toBe(root.ts);
      expect(msg?.stream).toMatchObject({ state: 'completed', markdown: 'Writing the intro. Done.', planTitle: 'Plan', recipientUserId: 'U1' });
      expect(msg?.stream?.tasks).toEqual([{ id: 's1', title: 'Research', status: 'complete', details: 'ab' }]);
      expect(fake.textOf(msg)).toBe('Plan\nResearch (complete)\nab\nWriting the intro. Done.');
      expect(fake.callsTo('chat.appendStream')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it('stopping with open tasks marks them as errors, as Slack renders it', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const root = fake.addUserMessage({ channel: 'D_USER1', user: 'U1', text: 'go' });
      const start = await client.chat.startStream({ channel: 'D_USER1', thread_ts: root.ts, chunks: [{ type: 'task_update', id: 't', title: 'Step', status: 'in_progress' }] });
      await client.chat.stopStream({ channel: 'D_USER1', ts: start.ts as string });
      expect(fake.message('D_USER1', start.ts as string)?.stream?.tasks[0]?.status).toBe('error');
    } finally {
      await fake.close();
    }
  });

  it('refuses appends after stop, after Slack closed the stream, and after the user stopped it', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const root = fake.addUserMessage({ channel: 'C_GENERAL', user: 'U1', text: 'go' });
      const streamer = client.chatStream({ channel: 'C_GENERAL', thread_ts: root.ts, ...recipient });
      await streamer.stop({ markdown_text: 'only' });
      await expect(streamer.append({ markdown_text: 'more' })).rejects.toThrow(/stream state is completed/);
      const ts = streamer.ts as string;
      expect((await slackError(client.chat.appendStream({ channel: 'C_GENERAL', ts, markdown_text: 'more' }))).error).toBe('message_not_in_streaming_state');
      expect((await slackError(client.chat.stopStream({ channel: 'C_GENERAL', ts }))).error).toBe('message_not_in_streaming_state');

      const s2 = await client.chat.startStream({ channel: 'C_GENERAL', thread_ts: root.ts, ...recipient, markdown_text: 'a' });
      fake.expireStream('C_GENERAL', s2.ts as string);
      expect((await slackError(client.chat.appendStream({ channel: 'C_GENERAL', ts: s2.ts as string, markdown_text: 'b' }))).error).toBe('message_not_in_streaming_state');

      const s3 = await client.chat.startStream({ channel: 'C_GENERAL', thread_ts: root.ts, ...recipient, markdown_text: 'a' });
      fake.stopByUser('C_GENERAL', s3.ts as string);
      expect((await slackError(client.chat.appendStream({ channel: 'C_GENERAL', ts: s3.ts as string, markdown_text: 'b' }))).error).toBe('stopped_by_user');
      expect((await client.chat.stopStream({ channel: 'C_GENERAL', ts: s3.ts as string })).ok).toBe(true);

      const plain = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'not a stream' });
      expect((await slackError(client.chat.appendStream({ channel: 'C_GENERAL', ts: plain.ts as string, markdown_text: 'b' }))).error).toBe('message_not_in_streaming_state');
      expect((await slackError(client.chat.appendStream({ channel: 'C_GENERAL', ts: '1.000001', markdown_text: 'b' }))).error).toBe('message_not_found');
    } finally {
      await fake.close();
    }
  });

  it('refuses a stream Slack refuses to start', async () => {
    const { fake, client } = await fakeWithClient({ streaming: 'feature_not_enabled' });
    try {
      const root = fake.addUserMessage({ channel: 'C_GENERAL', user: 'U1', text: 'go' });
      const start = (args: Record<string, unknown>) => client.apiCall('chat.startStream', { channel: 'C_GENERAL', markdown_text: 'x', ...args });
      expect((await slackError(start({ thread_ts: root.ts, ...recipient }))).error).toBe('feature_not_enabled');
      fake.setStreaming(true);
      expect((await slackError(start({ ...recipient }))).error).toBe('invalid_thread_ts');
      expect((await slackError(start({ thread_ts: root.ts }))).error).toBe('missing_recipient_user_id');
      expect((await slackError(start({ thread_ts: root.ts, recipient_user_id: 'U1' }))).error).toBe('missing_recipient_team_id');
      const bad = await slackError(start({ thread_ts: root.ts, ...recipient, chunks: [{ type: 'task_update', id: 't', title: 'x', status: 'done' }] }));
      expect(bad.error).toBe('invalid_chunks');
      expect((await slackError(start({ thread_ts: root.ts, ...recipient, markdown_text: 'x'.repeat(12_001) }))).error).toBe('msg_too_long');
      expect((await slackError(start({ channel: 'C_NOBOT', thread_ts: root.ts, ...recipient }))).error).toBe('not_in_channel');
    } finally {
      await fake.close();
    }
  });

  it('validates the assistant thread methods', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const root = fake.addUserMessage({ channel: 'D_USER1', user: 'U1', text: 'hi' });
      await client.assistant.threads.setStatus({ channel_id: 'D_USER1', thread_ts: root.ts, status: 'is thinking...' });
      await client.assistant.threads.setSuggestedPrompts({ channel_id: 'D_USER1', thread_ts: root.ts, prompts: [{ title: 'A', message: 'a' }] });
      await client.assistant.threads.setTitle({ channel_id: 'D_USER1', thread_ts: root.ts, title: 'Blog post' });
      expect(fake.assistantCalls().map((c) => c.method)).toEqual(['assistant.threads.setStatus', 'assistant.threads.setSuggestedPrompts', 'assistant.threads.setTitle']);
      expect((await slackError(client.assistant.threads.setStatus({ channel_id: 'D_NOPE', thread_ts: root.ts, status: 'x' }))).error).toBe('channel_not_found');
      expect((await slackError(client.assistant.threads.setStatus({ channel_id: 'D_USER1', thread_ts: '1.000001', status: 'x' }))).error).toBe('invalid_thread_ts');
      const loading = Array.from({ length: 11 }, (_, i) => `m${i}`);
      expect((await slackError(client.assistant.threads.setStatus({ channel_id: 'D_USER1', thread_ts: root.ts, status: 'x', loading_messages: loading }))).error).toBe('invalid_arguments');
    } finally {
      await fake.close();
    }
  });
});
