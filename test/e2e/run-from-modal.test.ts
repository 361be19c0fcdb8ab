import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUT_TEXT, EVERY_INPUT_TASK } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, type Harness } from '../support/bot-harness.js';
import { blockIdOf, finishedRoot, LENGTH, openForm, OUTLINE, TOPIC } from './helpers.js';

type Block = Record<string, any>;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.jasper.reset();
  h.slack.clearCalls();
});

describe('/jasper run -> modal -> run streamed into a thread', () => {
  it('builds the form from the task, pre-filled from name=value pairs, and says what it could not use', async () => {
    const view = await openForm(h, 'run blog-post topic="AI for dentists" blog-length=medium colour=blue');
    expect(view.title?.text).toBe('Blog Post');
    const blocks = view.blocks as Block[];
    expect(blocks.find((b) => b.block_id === blockIdOf(view, TOPIC.id))?.element.initial_value).toBe('AI for dentists');
    const length = blocks.find((b) => b.block_id === blockIdOf(view, LENGTH.id));
    expect(length?.element.type).toBe('static_select');
    expect(length?.element.initial_option.text.text).toBe('Medium (800-1500 words)');
    expect(JSON.stringify(blocks)).toContain('colour');
  });

  it('opens a form with every input type; long option lists and knowledge are searched as the user types', async () => {
    const view = await openForm(h, `run ${EVERY_INPUT_TASK.id}`);
    const inputs = (view.blocks as Block[]).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.element.type)).toEqual(
      expect.arrayContaining(['plain_text_input', 'external_select', 'multi_static_select', 'multi_external_select', 'checkboxes']),
    );

    const market = inputs.find((b) => b.element.type === 'external_select')!;
    const markets = await h.driver.blockSuggestion({ viewId: view.id, actionId: market.element.action_id, blockId: market.block_id, value: '11' });
    const texts = markets.options.map((o) => (o.text as { text: string }).text);
    expect(texts[0]).toBe('Market 011');
    expect(texts.every((t) => t.includes('11'))).toBe(true);

    const knowledge = inputs.find((b) => b.block_id === blockIdOf(view, EVERY_INPUT_TASK.contextItems[4]!.id))!;
    expect(knowledge.element.type).toBe('multi_external_select');
    const found = await h.driver.blockSuggestion({ viewId: view.id, actionId: knowledge.element.action_id, blockId: knowledge.block_id, value: 'brand' });
    expect(found.options).toEqual([{ text: { type: 'plain_text', text: 'Brand guide 2025', emoji: true }, value: 'kno_01HBRANDGUIDE' }]);
    // Answered from the cached knowledge list, filtered here: the options request never waits on Jasper.
    expect(h.jasper.requestsTo('GET /knowledge').every((r) => !('q' in r.query))).toBe(true);
  });

  it('runs on submit: root message, steps and output streamed into its thread, exact contextItems sent', async () => {
    const view = await openForm(h, 'run blog-post');
    const submitted = await h.driver.submitView({
      viewId: view.id,
      values: {
        [blockIdOf(view, TOPIC.id)]: 'Jasper AI',
        [blockIdOf(view, LENGTH.id)]: '1',
        [blockIdOf(view, OUTLINE.id)]: '1. Intro\n2. Body',
        extra: 'Our readers are dentists in Ohio.',
      },
    });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');

    const root = await finishedRoot(h);
    expect(textOf(root)).toContain('Blog Post');
    expect(textOf(root)).toContain('<@U1>');
    expect(textOf(root)).toContain('Jasper AI');
    expect(textOf(root)).toMatch(/Done in \d+s/);

    const [run] = h.jasper.requestsTo('POST /tasks/:id/run/stream');
    expect(run?.body).toEqual({
      contextItems: [
        { id: OUTLINE.id, value: '1. Intro\n2. Body' },
        { id: LENGTH.id, value: 'Medium (800-1500 words)' },
        { id: TOPIC.id, value: 'Jasper AI' },
        { name: 'Anything else', question: 'Anything else the agent should know?', answer: 'Our readers are dentists in Ohio.' },
      ],
    });

    const thread = h.slack.thread('C_GENERAL', root.ts).slice(1);
    const streamed = thread.find((m) => m.stream);
    expect(streamed?.stream?.state).toBe('completed');
    expect(streamed?.stream?.tasks.length).toBeGreaterThan(0);
    expect(streamed?.stream?.tasks.every((t) => t.status === 'complete')).toBe(true);
    expect(outputIn(thread)).toBe(DEFAULT_OUTPUT_TEXT);
  });
});
