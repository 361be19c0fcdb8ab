import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EVERY_INPUT_TASK } from '../fakes/fake-jasper.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { blockIdOf, openForm, TOPIC, type OpenedView } from './helpers.js';

const RUN = 'POST /tasks/:id/run/stream' as const;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

type Block = { type: string; block_id?: string; hint?: { text: string }; optional?: boolean };
const blocksOf = (view: OpenedView) => view.blocks as Block[];
const knowledgePickers = (view: OpenedView) => JSON.stringify(view.blocks).split('"Search knowledge"').length - 1;
const current = (id: string) => h.slack.view(id)!.view as unknown as OpenedView;

async function expandBrand(view: OpenedView): Promise<OpenedView> {
  const updates = h.slack.callsTo('views.update').length;
  await h.driver.blockAction({ actionId: 'brand.expand', container: { type: 'view', viewId: view.id } });
  await waitFor('the view updated', () => h.slack.callsTo('views.update').length > updates);
  return current(view.id);
}

describe('the run form', () => {
  it('shows the brand in one line after the task inputs; Change shows the pickers in place and keeps what was typed', async () => {
    const view = await openForm(h, 'run blog-post');
    const ids = blocksOf(view).map((b) => b.block_id);
    expect(ids.indexOf('brand.summary')).toBeGreaterThan(ids.indexOf(blockIdOf(view, TOPIC.id)));
    expect(ids).not.toContain('brand.tone');
    expect(JSON.stringify(view.blocks)).toContain('*Brand:*');

    h.slack.setViewState(view.id, { [blockIdOf(view, TOPIC.id)]: { field_value: { type: 'plain_text_input', value: 'Typed before' } } });
    const expanded = await expandBrand(view);
    expect(expanded.id).toBe(view.id);
    const after = blocksOf(expanded).map((b) => b.block_id);
    expect(after).toContain('brand.tone');
    expect(after).not.toContain('brand.summary');
    expect(h.slack.view(view.id)!.view.state.values[blockIdOf(view, TOPIC.id)]).toBeDefined();

    await h.driver.submitView({ viewId: view.id, values: { 'brand.tone': 'ton_01HFRIENDLY' } });
    await waitFor('the run', () => h.jasper.requestsTo(RUN).length === 1);
    expect(h.jasper.requestsTo(RUN)[0]?.body).toMatchObject({ toneId: 'ton_01HFRIENDLY' });
    expect(JSON.stringify(h.jasper.requestsTo(RUN)[0]?.body)).toContain('Typed before');
  });

  it('gives a task with its own knowledge input one knowledge picker, before and after the brand is shown', async () => {
    const view = await openForm(h, `run ${EVERY_INPUT_TASK.id}`);
    expect(knowledgePickers(view)).toBe(1);
    expect(knowledgePickers(await expandBrand(view))).toBe(1);
    const blog = await openForm(h, 'run blog-post');
    expect(knowledgePickers(await expandBrand(blog))).toBe(1);
  });

  it('tells required inputs apart from optional ones in the hint', async () => {
    const view = await openForm(h, `run ${EVERY_INPUT_TASK.id}`);
    const inputs = blocksOf(view).filter((b) => b.type === 'input' && b.block_id?.startsWith('field:'));
    const required = inputs.filter((b) => !b.optional);
    expect(required.length).toBeGreaterThan(0);
    for (const b of required) expect(b.hint?.text).toMatch(/^Required\./);
    for (const b of inputs.filter((x) => x.optional)) expect(b.hint?.text ?? '').not.toMatch(/^Required/);
  });
});
