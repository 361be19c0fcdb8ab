import { describe, expect, it } from 'vitest';
import { fakeWithClient, section, slackError } from './helpers.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (title = 'Run a task') => ({
  type: 'modal' as const,
  callback_id: 'run_task',
  private_metadata: '{"task":"blog-post"}',
  title: plain(title),
  submit: plain('Run'),
  close: plain('Cancel'),
  blocks: [{ type: 'input', block_id: 'topic', label: plain('Topic'), element: { type: 'plain_text_input', action_id: 'value' } }],
});

describe('fake Slack views.* methods, driven by a real WebClient', () => {
  it('opens a modal with an issued trigger and returns Slack’s view object', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const res = await client.views.open({ trigger_id: fake.issueTrigger({ userId: 'U2' }), view: modal() });
      expect(res.view).toMatchObject({ type: 'modal', callback_id: 'run_task', private_metadata: '{"task":"blog-post"}', state: { values: {} }, root_view_id: res.view?.id });
      expect(res.view?.hash).toEqual(expect.any(String));
      const id = res.view?.id as string;
      expect(fake.openModals('U2').map((v) => v.view.id)).toEqual([id]);

      const updated = await client.views.update({ view_id: id, hash: res.view?.hash as string, view: modal('Running…') });
      expect(updated.view?.title?.text).toBe('Running…');
      expect((await slackError(client.views.update({ view_id: id, hash: res.view?.hash as string, view: modal() }))).error).toBe('hash_conflict');
      expect((await slackError(client.views.update({ view_id: 'V404', view: modal() }))).error).toBe('not_found');
      expect(fake.view(id)?.versions).toHaveLength(2);

      const pushed = await client.views.push({ trigger_id: fake.issueTrigger({ userId: 'U2', viewId: id }), view: modal('Details') });
      expect(pushed.view?.previous_view_id).toBe(id);
      expect(fake.openModals('U2')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it('refuses bad, used and expired triggers', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      expect((await slackError(client.views.open({ trigger_id: '123.456.abc', view: modal() }))).error).toBe('invalid_trigger_id');
      const old = fake.issueTrigger({ issuedAgoMs: 3500 });
      expect((await slackError(client.views.open({ trigger_id: old, view: modal() }))).error).toBe('expired_trigger_id');
      const once = fake.issueTrigger();
      await client.views.open({ trigger_id: once, view: modal() });
      expect((await slackError(client.views.open({ trigger_id: once, view: modal() }))).error).toBe('exchanged_trigger_id');
    } finally {
      await fake.close();
    }
  });

  it('refuses views Slack refuses, without using up the trigger', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const trigger = fake.issueTrigger();
      const long = await slackError(client.views.open({ trigger_id: trigger, view: modal('A title of 25 characters!') }));
      expect(long.error).toBe('invalid_arguments');
      expect(long.data.response_metadata).toEqual({ messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] });
      const noSubmit = { ...modal(), submit: undefined };
      expect((await slackError(client.views.open({ trigger_id: trigger, view: noSubmit }))).error).toBe('invalid_arguments');
      const tooMany = { ...modal(), blocks: Array.from({ length: 101 }, (_, i) => section(`b${i}`)) };
      expect((await slackError(client.views.open({ trigger_id: trigger, view: tooMany }))).error).toBe('invalid_arguments');
      const meta = { ...modal(), private_metadata: 'x'.repeat(3001) };
      expect((await slackError(client.views.open({ trigger_id: trigger, view: meta }))).error).toBe('invalid_arguments');
      const badLabel = { ...modal(), blocks: [{ type: 'input', label: plain('x'.repeat(2001)), element: { type: 'plain_text_input' } }] };
      expect((await slackError(client.views.open({ trigger_id: trigger, view: badLabel }))).error).toBe('invalid_arguments');
      const external = { ...modal(), blocks: [{ type: 'input', label: plain('Style'), element: { type: 'external_select', action_id: 'style', min_query_length: 0 } }] };
      expect((await client.views.open({ trigger_id: trigger, view: external })).ok).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('publishes a Home tab per user', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const home = { type: 'home' as const, blocks: [section('Tasks')] };
      const first = await client.views.publish({ user_id: 'U1', view: home });
      const second = await client.views.publish({ user_id: 'U1', view: { ...home, blocks: [section('More tasks')] } });
      expect(second.view?.id).toBe(first.view?.id);
      expect(fake.homeView('U1')?.versions).toHaveLength(2);
      expect((await slackError(client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) } }))).error).toBe('invalid_arguments');
      expect((await slackError(client.apiCall('views.publish', { view: home }))).error).toBe('invalid_arguments');
      expect((await slackError(client.views.publish({ user_id: 'U1', view: modal() as never }))).error).toBe('invalid_arguments');
    } finally {
      await fake.close();
    }
  });
});
