import { describe, expect, it } from 'vitest';
import { submissionState } from '../fakes/slack/client.js';
import type { SlackView } from '../fakes/fake-slack.js';
import { fakeWithClient } from './helpers.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const input = (block_id: string, element: Record<string, unknown>, optional = false) => ({ type: 'input', block_id, optional, label: plain(block_id), element });
const modal = (blocks: unknown[]) => ({ type: 'modal' as const, title: plain('Form'), submit: plain('Go'), blocks: blocks as never[] });

describe('Slack’s handling of a view_submission answer and of the client’s own checks', () => {
  it('applies clear, errors, update and push; refuses what Slack would not show', async () => {
    const { fake, client } = await fakeWithClient();
    try {
      const opened = await client.views.open({ trigger_id: fake.issueTrigger(), view: modal([input('topic', { type: 'plain_text_input', action_id: 'v' })]) });
      const id = opened.view?.id as string;
      expect(fake.applyViewResponse(id, { response_action: 'errors', errors: { nope: 'x' } })).toMatchObject({ kind: 'invalid' });
      expect(fake.applyViewResponse(id, { response_action: 'errors', errors: { topic: 'Required' } })).toEqual({ kind: 'errors', errors: { topic: 'Required' } });
      expect(fake.applyViewResponse(id, { response_action: 'update', view: { ...modal([]), title: plain('x'.repeat(25)) } })).toMatchObject({ kind: 'invalid' });
      const updated = fake.applyViewResponse(id, { response_action: 'update', view: { ...modal([]), title: plain('Step 2') } });
      expect(updated).toMatchObject({ kind: 'updated', view: { id, title: { text: 'Step 2' } } });
      expect(fake.applyViewResponse(id, { response_action: 'push', view: modal([]) })).toMatchObject({ kind: 'pushed' });
      expect(fake.openModals('U1')).toHaveLength(2);
      expect(fake.applyViewResponse(id, { response_action: 'clear' })).toEqual({ kind: 'cleared' });
      expect(fake.openModals('U1')).toEqual([]);
      expect(fake.applyViewResponse(id, { response_action: 'close' })).toMatchObject({ kind: 'invalid' });
    } finally {
      await fake.close();
    }
  });

  it('blocks submissions the Slack client blocks, and fills untouched inputs with initial values', () => {
    const view = {
      id: 'V1',
      state: { values: {} },
      blocks: [
        { type: 'input', block_id: 'n', label: plain('n'), element: { type: 'number_input', action_id: 'n', is_decimal_allowed: false, max_value: '10' } },
        { type: 'input', block_id: 't', label: plain('t'), element: { type: 'plain_text_input', action_id: 't', max_length: 5 } },
        { type: 'input', block_id: 'c', label: plain('c'), optional: true, element: { type: 'checkboxes', action_id: 'c', options: [{ text: plain('A'), value: 'a' }] } },
        { type: 'input', block_id: 's', label: plain('s'), element: { type: 'static_select', action_id: 's', options: [{ text: plain('X'), value: 'x' }], initial_option: { text: plain('X'), value: 'x' } } },
      ],
    } as unknown as SlackView;
    expect(submissionState(view, { n: '1.5', t: 'too long' })).toEqual({ ok: false, clientErrors: { n: 'Please enter a whole number.', t: 'Please enter 5 characters or fewer.' } });
    expect(submissionState(view, { n: '11', t: 'ok' })).toEqual({ ok: false, clientErrors: { n: 'Please enter a number 10 or less.' } });
    const ok = submissionState(view, { n: 3, t: 'ok', c: ['a'] });
    expect(ok).toEqual({
      ok: true,
      values: {
        n: { n: { type: 'number_input', value: '3' } },
        t: { t: { type: 'plain_text_input', value: 'ok' } },
        c: { c: { type: 'checkboxes', selected_options: [{ text: plain('A'), value: 'a' }] } },
        s: { s: { type: 'static_select', selected_option: { text: plain('X'), value: 'x' } } },
      },
    });
    expect(() => submissionState(view, { missing: 'x' })).toThrow(/not input blocks/);
  });
});
