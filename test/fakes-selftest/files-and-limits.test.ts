import { LogLevel, WebClient, WebClientEvent } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../fakes/fake-slack.js';
import { fakeWithClient, silentLogger, slackError } from './helpers.js';

describe('fake Slack files, rate limits and injected failures', () => {
  it('takes a files.uploadV2 upload into the thread', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const root = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'run' });
      await client.files.uploadV2({ channel_id: 'C_GENERAL', thread_ts: root.ts as string, content: '# Long output', filename: 'output.md', title: 'Output', initial_comment: 'Full output attached' });
      expect(fake.files()).toMatchObject([{ filename: 'output.md', title: 'Output', uploaded: true, completed: true, channel: 'C_GENERAL' }]);
      expect(fake.files()[0]?.content?.toString()).toBe('# Long output');
      const reply = fake.thread('C_GENERAL', root.ts as string)[1];
      expect(fake.textOf(reply)).toBe('Full output attached\n[file: Output]');
      expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
      expect((await slackError(client.files.completeUploadExternal({ files: [{ id: 'F404' }] }))).error).toBe('file_not_found');
    } finally {
      await fake.close();
    }
  });

  it('answers 429 with Retry-After, which WebClient waits out before retrying', async () => {
    const fake = await startFakeSlack();
    const client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: silentLogger });
    try {
      fake.rateLimit('chat.update', { times: 1, retryAfterSec: 1 });
      const posted = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'a' });
      let limited = 0;
      client.on(WebClientEvent.RATE_LIMITED, () => {
        limited += 1;
      });
      const started = Date.now();
      await client.chat.update({ channel: 'C_GENERAL', ts: posted.ts as string, text: 'b' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(990);
      expect(limited).toBe(1);
      expect(fake.callsTo('chat.update').map((c) => c.status)).toEqual([429, 200]);
      expect(fake.message('C_GENERAL', posted.ts as string)?.text).toBe('b');

      const strict = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logger: silentLogger, logLevel: LogLevel.ERROR, rejectRateLimitedCalls: true });
      fake.rateLimit('chat.postMessage', { times: 1, retryAfterSec: 7 });
      await expect(strict.chat.postMessage({ channel: 'C_GENERAL', text: 'c' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    } finally {
      await fake.close();
    }
  });

  it('fails the next calls of a method with the error asked for', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      fake.failNext('chat.postMessage', 'fatal_error', 2);
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'a' }))).error).toBe('fatal_error');
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'a' }))).error).toBe('fatal_error');
      expect((await client.chat.postMessage({ channel: 'C_GENERAL', text: 'a' })).ok).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('records and limits response_url posts', async () => {
    const { fake } = await fakeWithClient();
    try {
      const url = fake.responseUrl({ channel: 'C_GENERAL', userId: 'U1' });
      const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await post({ text: 'just you' })).status).toBe(200);
      expect((await post({ text: 'everyone', response_type: 'in_channel' })).status).toBe(200);
      for (let i = 0; i < 3; i += 1) await post({ text: `n${i}` });
      const sixth = await post({ text: 'too many' });
      expect(sixth.status).toBe(404);
      expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
      expect(fake.responses(url)).toHaveLength(6);
      expect(fake.ephemerals({ user: 'U1' })[0]?.text).toBe('just you');
      expect(fake.textOf(fake.messages('C_GENERAL')[0])).toBe('everyone');
    } finally {
      await fake.close();
    }
  });
});
