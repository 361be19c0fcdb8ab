import { describe, expect, it } from 'vitest';
import { fakeWithClient, section, slackError } from './helpers.js';

describe('fake Slack chat.* methods, driven by a real WebClient', () => {
  it('posts, updates and deletes like Slack, with unique increasing ts', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const a = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'fallback', blocks: [section('*Hello*')] });
      const b = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'reply', thread_ts: a.ts as string });
      expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
      expect(a.message).toMatchObject({ type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'fallback' });
      expect(a.message?.blocks?.[0]?.block_id).toEqual(expect.any(String));
      expect(fake.thread('C_GENERAL', a.ts as string).map((m) => m.ts)).toEqual([a.ts, b.ts]);
      expect(fake.textOf(fake.message('C_GENERAL', a.ts as string))).toBe('*Hello*');

      await client.chat.update({ channel: 'C_GENERAL', ts: a.ts as string, text: 'updated' });
      const updated = fake.message('C_GENERAL', a.ts as string);
      expect(updated?.text).toBe('updated');
      expect(updated?.blocks).toHaveLength(1); // chat.update keeps blocks it was not given
      expect(updated?.history).toHaveLength(1);

      const link = await client.chat.getPermalink({ channel: 'C_GENERAL', message_ts: b.ts as string });
      expect(link.permalink).toBe(`https://fake.slack/archives/C_GENERAL/p${(b.ts as string).replace('.', '')}?thread_ts=${a.ts}&cid=C_GENERAL`);

      await client.chat.delete({ channel: 'C_GENERAL', ts: b.ts as string });
      expect(fake.message('C_GENERAL', b.ts as string)).toBeUndefined();
      expect(fake.callsTo('chat.postMessage')[0]?.args.blocks).toEqual([section('*Hello*')]);
    } finally {
      await fake.close();
    }
  });

  it('refuses a missing or wrong token', async () => {
    const { fake, client } = await fakeWithClient({}, 'not-the-token');
    try {
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x' }))).error).toBe('invalid_auth');
      const res = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'channel=C_GENERAL&text=x' });
      expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
      // JSON bodies must carry the token as a bearer header.
      const json = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: fake.botToken, channel: 'C_GENERAL', text: 'x' }) });
      expect(await json.json()).toEqual({ ok: false, error: 'not_authed' });
    } finally {
      await fake.close();
    }
  });

  it('accepts a JSON body with a bearer token', async () => {
    const { fake } = await fakeWithClient();
    try {
      const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${fake.botToken}` },
        body: JSON.stringify({ channel: 'C_GENERAL', markdown_text: '**bold**' }),
      });
      expect(await res.json()).toMatchObject({ ok: true, channel: 'C_GENERAL' });
      expect(fake.textOf(fake.messages('C_GENERAL')[0])).toBe('**bold**');
    } finally {
      await fake.close();
    }
  });

  it('refuses what Slack refuses on chat.postMessage', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const blocks51 = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
      const tooMany = await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: blocks51 }));
      expect(tooMany.error).toBe('invalid_blocks');
      expect(tooMany.data.errors).toContain('no more than 50 items allowed [json-pointer:/blocks]');
      const long = await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: [section('x'.repeat(3001))] }));
      expect(long.data.errors).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', markdown_text: 'x', blocks: [section('y')] }))).error).toBe('markdown_text_conflict');
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', markdown_text: 'x'.repeat(12_001) }))).error).toBe('msg_too_long');
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: '' }))).error).toBe('no_text');
      expect((await slackError(client.chat.postMessage({ channel: 'C_NOBOT', text: 'x' }))).error).toBe('not_in_channel');
      expect((await slackError(client.chat.postMessage({ channel: 'C_NOPE', text: 'x' }))).error).toBe('channel_not_found');
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', thread_ts: 'abc' }))).error).toBe('invalid_thread_ts');
      const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: [header] }))).error).toBe('invalid_blocks');
      const options = Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text' as const, text: `o${i}` }, value: `v${i}` }));
      const select = { type: 'actions', elements: [{ type: 'static_select', action_id: 's', options }] };
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: [select] }))).error).toBe('invalid_blocks');
      const button = { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, action_id: 'b' }] };
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: [button] }))).error).toBe('invalid_blocks');
      const dup = [{ ...section('a'), block_id: 'same' }, { ...section('b'), block_id: 'same' }];
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: dup }))).error).toBe('invalid_blocks');
      expect((await slackError(client.chat.postMessage({ channel: 'C_GENERAL', text: 'x', blocks: [{ type: 'sectoin' }] }))).error).toBe('invalid_blocks');
      expect(fake.messages('C_GENERAL')).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('accepts a reply to an unknown thread but nobody sees it, as Slack does', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const r = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'lost', thread_ts: '1600000000.000100' });
      expect(r.ok).toBe(true);
      expect(fake.messages('C_GENERAL')).toEqual([]);
      expect(fake.orphans('C_GENERAL').map((m) => m.text)).toEqual(['lost']);
    } finally {
      await fake.close();
    }
  });

  it('refuses what Slack refuses on update, ephemeral and permalink', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const mine = await client.chat.postMessage({ channel: 'C_GENERAL', text: 'mine' });
      const theirs = fake.addUserMessage({ channel: 'C_GENERAL', user: 'U1', text: 'theirs' });
      expect((await slackError(client.chat.update({ channel: 'C_GENERAL', ts: mine.ts as string, text: 'x'.repeat(4001) }))).error).toBe('msg_too_long');
      expect((await slackError(client.chat.update({ channel: 'C_GENERAL', ts: theirs.ts, text: 'x' }))).error).toBe('cant_update_message');
      expect((await slackError(client.chat.update({ channel: 'C_GENERAL', ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
      expect((await slackError(client.chat.delete({ channel: 'C_GENERAL', ts: theirs.ts }))).error).toBe('cant_delete_message');
      expect((await slackError(client.chat.postEphemeral({ channel: 'D_USER1', user: 'U2', text: 'x' }))).error).toBe('user_not_in_channel');
      expect((await slackError(client.chat.getPermalink({ channel: 'C_GENERAL', message_ts: '1.000001' }))).error).toBe('message_not_found');
      const eph = await client.chat.postEphemeral({ channel: 'C_GENERAL', user: 'U1', text: 'only you' });
      expect(eph.message_ts).toEqual(expect.any(String));
      expect(fake.ephemerals({ user: 'U1' }).map((e) => e.text)).toEqual(['only you']);
      expect((await slackError(client.apiCall('chat.nonsense', {}))).error).toBe('unknown_method');
      await client.reactions.add({ channel: 'C_GENERAL', timestamp: theirs.ts, name: 'eyes' });
      expect((await slackError(client.reactions.add({ channel: 'C_GENERAL', timestamp: theirs.ts, name: 'eyes' }))).error).toBe('already_reacted');
      await client.reactions.remove({ channel: 'C_GENERAL', timestamp: theirs.ts, name: 'eyes' });
      expect((await slackError(client.reactions.remove({ channel: 'C_GENERAL', timestamp: theirs.ts, name: 'eyes' }))).error).toBe('no_reaction');
    } finally {
      await fake.close();
    }
  });

  it('answers auth.test, users.info and conversations.info', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      expect(await client.auth.test()).toMatchObject({ ok: true, user_id: 'UBOT', team_id: 'T0001', bot_id: 'BBOT' });
      expect((await client.users.info({ user: 'U1' })).user).toMatchObject({ id: 'U1', name: 'alice', real_name: 'Alice Example' });
      expect((await client.conversations.info({ channel: 'D_USER1' })).channel).toMatchObject({ is_im: true, user: 'U1' });
      expect((await client.conversations.info({ channel: 'C_NOBOT' })).channel).toMatchObject({ name: 'no-bot', is_member: false });
      expect((await slackError(client.users.info({ user: 'U404' }))).error).toBe('user_not_found');
    } finally {
      await fake.close();
    }
  });
});
