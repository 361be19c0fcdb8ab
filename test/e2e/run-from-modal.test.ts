import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BLOG_POST_TASK, DEFAULT_OUTPUT_TEXT, EVERY_INPUT_TASK } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';

const OUTLINE = BLOG_POST_TASK.contextItems[0]!;
const LENGTH = BLOG_POST_TASK.contextItems[1]!;
const TOPIC = BLOG_POST_TASK.contextItems[2]!;

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

/** Opens the Blog Post form with `/jasper run ...` and returns the opened view. */
async function openForm(text: string, userId = 'U1', channelId = 'C_GENERAL') {
  const before = h.slack.views().length;
  const answer = await h.driver.slashCommand({ text, userId, channelId });
  expect(answer.status).toBe(200);
  return waitFor('the modal to open', () => h.slack.views().at(before)?.view);
}

function blockIdOf(view: { blocks: unknown[] }, fieldId: string): string {
  const block = (view.blocks as Array<{ block_id?: string }>).find((b) => b.block_id?.endsWith(`:${fieldId}`));
  if (!block?.block_id) throw new Error(`no block for field ${fieldId}`);
  return block.block_id;
}

async function finishedRoot(channel = 'C_GENERAL') {
  return waitFor('the run to finish', () => {
    const root = h.slack.roots(channel).at(-1);
    return root && /Done|Failed|Cancelled/.test(textOf(root)) ? root : undefined;
  });
}

describe('/jasper run -> modal -> run streamed into a thread', () => {
  it('builds the form from the task, pre-filled from name=value pairs, and says what it could not use', async () => {
    const view = await openForm('run blog-post topic="AI for dentists" blog-length=medium colour=blue');
    expect(view.title?.text).toBe('Blog Post');
    const blocks = view.blocks as Array<Record<string, any>>;
    const topic = blocks.find((b) => b.block_id === blockIdOf(view, TOPIC.id));
    expect(topic?.element.initial_value).toBe('AI for dentists');
    const length = blocks.find((b) => b.block_id === blockIdOf(view, LENGTH.id));
    expect(length?.element.type).toBe('static_select');
    expect(length?.element.initial_option.text.text).toBe('Medium (800-1500 words)');
    expect(JSON.stringify(blocks)).toContain('colour');
  });

  it('opens a form with every input type, a long options list as an external select filtered by typing', async () => {
    const view = await openForm(`run ${EVERY_INPUT_TASK.id}`);
    const types = (view.blocks as Array<Record<string, any>>).filter((b) => b.type === 'input').map((b) => b.element.type);
    expect(types).toEqual(expect.arrayContaining(['plain_text_input', 'external_select', 'multi_static_select', 'multi_external_select', 'checkboxes']));
    const market = (view.blocks as Array<Record<string, any>>).find((b) => b.element?.type === 'external_select');
    const suggestion = await h.driver.blockSuggestion({ viewId: view.id, actionId: market!.element.action_id, blockId: market!.block_id, value: '11' });
    const texts = suggestion.options.map((o) => (o.text as { text: string }).text);
    expect(texts[0]).toBe('Market 011');
    expect(texts.every((t: string) => t.includes('11'))).toBe(true);
  });

  it('runs on submit: root message, steps and output streamed into its thread, exact contextItems sent', async () => {
    const view = await openForm('run blog-post');
    const submitted = await h.driver.submitView({
      viewId: view.id,
      values: {
        [blockIdOf(view, TOPIC.id)]: 'Jasper AI',
        [blockIdOf(view, LENGTH.id)]: '1',
        [blockIdOf(view, OUTLINE.id)]: '1. Intro\n2. Body',
      },
    });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');

    const root = await finishedRoot();
    expect(textOf(root)).toContain('Blog Post');
    expect(textOf(root)).toContain('<@U1>');
    expect(textOf(root)).toMatch(/Done in \d+s/);

    const [run] = h.jasper.requestsTo('POST /tasks/:id/run/stream');
    expect(run?.body).toEqual({
      contextItems: [
        { id: OUTLINE.id, value: '1. Intro\n2. Body' },
        { id: LENGTH.id, value: 'Medium (800-1500 words)' },
        { id: TOPIC.id, value: 'Jasper AI' },
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
