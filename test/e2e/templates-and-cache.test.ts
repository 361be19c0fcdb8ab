import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOG_INTRO_TEMPLATE, DEFAULT_TEMPLATE_OUTPUT_TEXT, DEFAULT_TEMPLATES, EVERY_INPUT_TASK } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { blockIdOf, finishedRoot, openForm } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jasper: { templates: DEFAULT_TEMPLATES } });
});
afterAll(async () => h?.close());

type Block = Record<string, any>;

describe('templates as tasks', () => {
  it('a Jasper template runs end to end through the same form and thread', async () => {
    const view = await openForm(h, 'run blog-post-intro-paragraph blog-title="AI for dentists" voice=professional');
    expect(view.title.text).toBe('Blog Post Intro Paragra…'); // 24 characters: shortened visibly
    const submitted = await h.driver.submitView({ viewId: view.id, values: {} });
    expect(submitted.sent && submitted.outcome.kind).toBe('closed');
    const root = await finishedRoot(h);
    expect(textOf(root)).toContain('Done');
    const [run] = h.jasper.requestsTo('POST /templates/:id/run');
    expect(run?.path).toBe(`/v1/templates/${BLOG_INTRO_TEMPLATE.id}/run`);
    expect(run?.body).toMatchObject({ inputs: { blogTitle: 'AI for dentists', voice: 'professional' } });
    expect(outputIn(h.slack.thread('C_GENERAL', root.ts))).toBe(DEFAULT_TEMPLATE_OUTPUT_TEXT);
  });
});

describe('options requests while Jasper is slow', () => {
  it('a knowledge menu is answered from the cached list well within 3 s', async () => {
    const view = await openForm(h, `run ${EVERY_INPUT_TASK.id}`);
    const knowledge = (view.blocks as Block[]).find((b) => b.block_id === blockIdOf(view, EVERY_INPUT_TASK.contextItems[4]!.id))!;
    // Warm (the first menu), then Jasper turns slow: later menus do not wait for it.
    await h.driver.blockSuggestion({ viewId: view.id, actionId: knowledge.element.action_id, blockId: knowledge.block_id, value: '' });
    h.jasper.setLatency({ knowledgeMs: 5_000, brandMs: 5_000 });
    const answer = await h.driver.blockSuggestion({ viewId: view.id, actionId: knowledge.element.action_id, blockId: knowledge.block_id, value: 'pricing' });
    expect(answer.elapsedMs).toBeLessThan(1_000);
    expect(answer.options.map((o) => o.value)).toEqual(['kno_01HPRICINGFAQ']);
    h.jasper.setLatency({ knowledgeMs: 0, brandMs: 0 });
  });

  it('the Brand section opens with the form even when the brand lists are slow to come', async () => {
    h.jasper.setLatency({ brandMs: 5_000 });
    const started = Date.now();
    const view = await openForm(h, 'run blog-post');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(view.title.text).toBe('Blog Post');
    h.jasper.setLatency({ brandMs: 0 });
  });
});
