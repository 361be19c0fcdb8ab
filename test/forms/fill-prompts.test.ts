import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FillEffect, startFill, stepFill } from '../../src/conversation/index.js';
import {
  FILL_ACTION,
  fieldIdFromBlockId,
  fillActionOf,
  fillActionPattern,
  fillBlockId,
  readPickValue,
  readSkipValue,
} from '../../src/forms/fill-actions.js';
import {
  acknowledgement,
  type FillMessage,
  renderClosedQuestion,
  renderFillEffect,
  renderNoTask,
  renderSummary,
  renderTaskChoices,
} from '../../src/forms/fill-prompts.js';
import * as L from '../../src/forms/limits.js';
import type { InputField, TaskDefinition } from '../../src/providers/types.js';
import { eventArb, OWNER, taskArb } from '../conversation/arbitraries.js';
import { converse } from '../conversation/converse.js';
import { blogPost, LENGTH, OUTLINE, TOPIC } from '../conversation/fixtures.js';
import { BLOG_LENGTHS, everyKind, field, task } from './fixtures.js';

// ---------------------------------------------------------------------------------------------------------------
// A checker of Slack's message limits (shared/api-docs/slack-limits.md), in the spirit of view-limits.ts.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (isObj(v) && typeof v.text === 'string' ? v.text : '');

function elementProblems(el: Json, where: string, problems: string[]): void {
  const check = (ok: boolean, message: string) => void (ok || problems.push(`${where}: ${message}`));
  check(typeof el.action_id === 'string' && el.action_id.length > 0 && el.action_id.length <= L.ACTION_ID, 'action_id');
  if (el.type === 'button') {
    const t = textOf(el.text);
    check(t.length > 0 && t.length <= L.BUTTON_TEXT, `button text ${t.length}`);
    check(el.value === undefined || (typeof el.value === 'string' && el.value.length <= L.BUTTON_VALUE), 'button value');
  }
  if (el.type === 'static_select' || el.type === 'multi_static_select') {
    const options = el.options as unknown[];
    check(Array.isArray(options) && options.length >= 1 && options.length <= L.STATIC_SELECT_OPTIONS, 'options count');
    for (const o of options ?? []) {
      const t = textOf(isObj(o) ? o.text : undefined);
      check(t.length > 0 && t.length <= L.OPTION_TEXT, `option text ${t.length}`);
      check(isObj(o) && typeof o.value === 'string' && o.value.length <= L.OPTION_VALUE, 'option value');
    }
  }
  if (el.type === 'external_select' || el.type === 'multi_external_select') {
    check(el.options === undefined, 'external select with options');
    check(el.min_query_length === 0, 'external select lists only after typing');
  }
  if (el.placeholder !== undefined) check(textOf(el.placeholder).length <= L.PLACEHOLDER, 'placeholder');
}

/** Every Slack limit a message must keep; returns what is broken (empty when the message is fine). */
function messageProblems(message: FillMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, m: string) => void (ok || problems.push(m));
  check(message.text.trim().length > 0 && message.text.length <= L.MESSAGE_TEXT, `text ${message.text.length}`);
  check(message.blocks.length >= 1 && message.blocks.length <= L.MESSAGE_BLOCKS, `blocks ${message.blocks.length}`);
  check(JSON.stringify(message.blocks).length <= L.MESSAGE_BLOCKS_CHARS, 'blocks too long');
  const blockIds = new Set<string>();
  message.blocks.forEach((raw, i) => {
    const b = raw as unknown as Json;
    const where = `block ${i} (${b.type as string})`;
    if (typeof b.block_id === 'string') {
      check(!blockIds.has(b.block_id), `${where}: duplicate block_id`);
      check(b.block_id.length <= L.BLOCK_ID, `${where}: block_id length`);
      blockIds.add(b.block_id);
    }
    if (b.type === 'section') {
      const t = textOf(b.text);
      check(t.length > 0 && t.length <= L.SECTION_TEXT, `${where}: section text ${t.length}`);
      if (isObj(b.accessory)) elementProblems(b.accessory, where, problems);
    }
    if (b.type === 'context') {
      const els = b.elements as unknown[];
      check(els.length >= 1 && els.length <= L.CONTEXT_ELEMENTS, `${where}: context elements`);
      for (const e of els) check(textOf(e).length > 0 && textOf(e).length <= L.SECTION_TEXT, `${where}: context text`);
    }
    if (b.type === 'actions') {
      const els = b.elements as Json[];
      check(els.length >= 1 && els.length <= L.ACTIONS_ELEMENTS, `${where}: ${els.length} elements`);
      const ids = els.map((e) => e.action_id);
      check(new Set(ids).size === ids.length, `${where}: action_ids repeat (${ids.join(', ')})`);
      check(els.filter((e) => e.style === 'primary').length <= 1, `${where}: more than one primary button`);
      for (const e of els) elementProblems(e, where, problems);
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

const OWNER_ID = 'U0OWNER';
type Ask = Extract<FillEffect, { type: 'ask' }>;

function render(t: TaskDefinition, effect: FillEffect): FillMessage {
  const message = renderFillEffect(t, effect);
  if (!message) throw new Error(`nothing rendered for ${effect.type}`);
  expect(messageProblems(message)).toEqual([]);
  return message;
}

function ask(f: InputField, extra: Partial<Ask> = {}): Ask {
  return { type: 'ask', field: f, canSkip: !f.required, canRunNow: false, position: { index: 1, total: 3 }, ...extra };
}

const blocksOf = (m: FillMessage, type: string) => m.blocks.filter((b) => b.type === type) as unknown as Json[];
const sectionTexts = (m: FillMessage) => blocksOf(m, 'section').map((b) => textOf(b.text));
const contextTexts = (m: FillMessage) => blocksOf(m, 'context').flatMap((b) => (b.elements as Json[]).map(textOf));
/** The actions block holding the question's control (block id fill:<field>). */
const controlOf = (m: FillMessage, f: InputField) => blocksOf(m, 'actions').find((b) => b.block_id === fillBlockId(f.id));
/** The last actions block: Skip / Back / Run now / Cancel. */
const navOf = (m: FillMessage) => blocksOf(m, 'actions').find((b) => b.block_id === undefined);
const elementsOf = (b: Json | undefined) => (b?.elements ?? []) as Json[];
const buttonTexts = (b: Json | undefined) => elementsOf(b).map((e) => textOf(e.text));

const input = (t: TaskDefinition, slug: string) => t.inputs.find((f) => f.slug === slug) as InputField;
const options = (n: number) => Array.from({ length: n }, (_, i) => `Option ${i + 1}`);
const big = task(
  [
    ...everyKind.inputs,
    field('Industry', 'select', { options: options(150) }),
    field('Markets', 'multi_select', { options: options(150) }),
    field('Tone', 'select', { options: options(8) }),
    field('Voice', 'select', { options: options(6) }),
    field('Format', 'select', { options: options(5) }),
  ],
  { name: 'Every kind' },
);

describe('fill action ids and values', () => {
  it('keeps the action ids the listeners register', () => {
    expect(FILL_ACTION).toEqual({
      pick: 'fill.pick',
      select: 'fill.select',
      multi: 'fill.multi',
      options: 'fill.options',
      knowledge: 'fill.knowledge',
      skip: 'fill.skip',
      back: 'fill.back',
      runNow: 'fill.run_now',
      confirm: 'fill.confirm',
      edit: 'fill.edit',
      cancel: 'fill.cancel',
      chooseTask: 'fill.task',
    });
  });

  it('reads indexed action ids back to their action, and matches them for Bolt', () => {
    expect(fillActionOf('fill.pick')).toBe(FILL_ACTION.pick);
    expect(fillActionOf('fill.pick:3')).toBe(FILL_ACTION.pick);
    expect(fillActionOf('fill.run_now')).toBe(FILL_ACTION.runNow);
    expect(fillActionOf('fill.nope')).toBeNull();
    expect(fillActionOf('run.cancel')).toBeNull();
    const pick = fillActionPattern(FILL_ACTION.pick);
    expect(['fill.pick', 'fill.pick:0', 'fill.pick:12'].every((id) => pick.test(id))).toBe(true);
    expect(['fill.pickx', 'fill.pick:', 'fill.pick:a', 'xfill.pick', 'fill.select'].some((id) => pick.test(id))).toBe(false);
  });

  it('names a question block by its input, and reads it back', () => {
    expect(fillBlockId(LENGTH)).toBe(`fill:${LENGTH}`);
    expect(fieldIdFromBlockId(blogPost, `fill:${LENGTH}`)).toBe(LENGTH);
    expect(fieldIdFromBlockId(blogPost, 'fill:gone')).toBeNull();
    expect(fieldIdFromBlockId(blogPost, 'field:0:x')).toBeNull();
  });

  it('shortens a block id safely when an input id is too long, and still reads it back', () => {
    const longA = field('A', 'select', { id: 'a'.repeat(300), options: ['x'] });
    const longB = field('B', 'select', { id: `${'a'.repeat(299)}b`, options: ['x'] });
    const t = task([longA, longB]);
    const [a, b] = [fillBlockId(longA.id), fillBlockId(longB.id)];
    expect(a.length).toBeLessThanOrEqual(L.BLOCK_ID);
    expect(a).toMatch(/^fill#/);
    expect(a).not.toBe(b);
    expect(fieldIdFromBlockId(t, a)).toBe(longA.id);
    expect(fieldIdFromBlockId(t, b)).toBe(longB.id);
    expect(fieldIdFromBlockId(t, fillBlockId('a'.repeat(301)))).toBeNull();
  });

  it('reads a Skip value as the field id', () => {
    expect(readSkipValue(blogPost, OUTLINE)).toBe(OUTLINE);
    expect(readSkipValue(blogPost, 'gone')).toBe('gone');
  });

  it('maps option indexes to option texts, checkbox values and knowledge ids', () => {
    const length = input(everyKind, 'blog-length');
    expect(readPickValue(length, '1')).toBe(BLOG_LENGTHS[1]);
    expect(readPickValue(length, '3')).toBeNull();
    expect(readPickValue(length, '-1')).toBeNull();
    expect(readPickValue(length, 'Medium (800-1500 words)')).toBeNull();
    expect(readPickValue(length, '1.0')).toBeNull();
    expect(readPickValue(input(everyKind, 'channels'), '3')).toBe('Newsletter');
    expect(readPickValue(input(everyKind, 'include-cta'), 'true')).toBe('true');
    expect(readPickValue(input(everyKind, 'include-cta'), 'false')).toBe('false');
    expect(readPickValue(input(everyKind, 'include-cta'), '0')).toBeNull();
    expect(readPickValue(input(everyKind, 'knowledge'), 'kno_1')).toBe('kno_1');
    expect(readPickValue(input(everyKind, 'knowledge'), ' ')).toBeNull();
    expect(readPickValue(input(everyKind, 'topic'), '0')).toBeNull();
  });
});

describe('ask', () => {
  it('asks Blog Post’s outline in its own words, with a typed reply and Skip, Run now and Cancel', () => {
    const outline = blogPost.inputs[0] as InputField;
    const m = render(blogPost, ask(outline, { canRunNow: true }));
    expect(m.placement).toBe('post');
    expect(sectionTexts(m)).toEqual(['*What is the outline of your post?*  _(1 of 3)_']);
    expect(contextTexts(m)).toEqual(['Reply in this thread; several lines are fine.']);
    expect(controlOf(m, outline)).toBeUndefined();
    const nav = navOf(m);
    expect(buttonTexts(nav)).toEqual(['Skip', 'Run now', 'Cancel']);
    expect(elementsOf(nav).map((e) => [e.action_id, e.value, e.style])).toEqual([
      [FILL_ACTION.skip, OUTLINE, undefined],
      [FILL_ACTION.runNow, undefined, 'primary'],
      [FILL_ACTION.cancel, undefined, undefined],
    ]);
    expect(m.text).toBe('What is the outline of your post? (1 of 3)');
  });

  it('offers a few options as buttons whose values are option indexes, and Back after the first question', () => {
    const length = blogPost.inputs[1] as InputField;
    const m = render(blogPost, ask(length, { position: { index: 2, total: 3 } }));
    const control = controlOf(m, length);
    expect(control?.block_id).toBe(`fill:${LENGTH}`);
    expect(elementsOf(control).map((e) => [e.type, textOf(e.text), e.value])).toEqual([
      ['button', 'Short (under 800 words)', '0'],
      ['button', 'Medium (800-1500 words)', '1'],
      ['button', 'Long (over 1500 words)', '2'],
    ]);
    for (const e of elementsOf(control)) expect(fillActionOf(e.action_id as string)).toBe(FILL_ACTION.pick);
    for (const e of elementsOf(control)) expect(readPickValue(length, e.value as string)).toBe(textOf(e.text));
    expect(buttonTexts(navOf(m))).toEqual(['Skip', 'Back', 'Cancel']);
    expect(contextTexts(m)).toContain('Pick one, or type it in this thread.');
  });

  it('uses the right control for every kind and size', () => {
    const cases: [string, string, string, number | undefined][] = [
      ['format', 'button', FILL_ACTION.pick, undefined],
      ['voice', 'static_select', FILL_ACTION.select, 6],
      ['tone', 'static_select', FILL_ACTION.select, 8],
      ['channels', 'multi_static_select', FILL_ACTION.multi, 4],
      ['industry', 'external_select', FILL_ACTION.options, undefined],
      ['markets', 'multi_external_select', FILL_ACTION.options, undefined],
      ['knowledge', 'multi_external_select', FILL_ACTION.knowledge, undefined],
    ];
    for (const [slug, type, action, count] of cases) {
      const f = input(big, slug);
      const control = controlOf(render(big, ask(f)), f);
      const [first] = elementsOf(control);
      expect(first?.type, slug).toBe(type);
      expect(fillActionOf(first?.action_id as string), slug).toBe(action);
      if (count !== undefined) expect((first?.options as unknown[]).length, slug).toBe(count);
      if (type.includes('external')) expect(first?.min_query_length, slug).toBe(0);
    }
    const tone = elementsOf(controlOf(render(big, ask(input(big, 'tone'))), input(big, 'tone')))[0];
    expect((tone?.options as Json[]).map((o) => o.value)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(elementsOf(controlOf(render(big, ask(input(big, 'format'))), input(big, 'format')))).toHaveLength(5);
  });

  it('gives a checkbox Yes and No buttons with true and false', () => {
    const cta = input(everyKind, 'include-cta');
    const control = controlOf(render(everyKind, ask(cta)), cta);
    expect(elementsOf(control).map((e) => [textOf(e.text), e.value])).toEqual([
      ['Yes', 'true'],
      ['No', 'false'],
    ]);
    expect(new Set(elementsOf(control).map((e) => e.action_id)).size).toBe(2);
  });

  it('asks typed kinds in the thread: tags say to separate with commas, and a limit is said', () => {
    const tags = render(everyKind, ask(input(everyKind, 'keywords')));
    expect(contextTexts(tags)).toContain('Reply in this thread; separate with commas.');
    expect(blocksOf(tags, 'actions')).toHaveLength(1);
    const topic = render(everyKind, ask(input(everyKind, 'topic')));
    expect(contextTexts(topic)).toEqual(['One line is enough', 'Reply in this thread (up to 500 characters).']);
    expect(buttonTexts(navOf(topic))).toEqual(['Cancel']);
  });

  it('says the problem first, and the answer a back or change dropped', () => {
    const length = blogPost.inputs[1] as InputField;
    const m = render(blogPost, ask(length, { problem: 'Couldn\'t match "huge" <to> an option & more.', previous: BLOG_LENGTHS[1] }));
    expect(sectionTexts(m)[0]).toBe(':warning: Couldn\'t match "huge" &lt;to&gt; an option &amp; more.');
    expect(sectionTexts(m)[1]).toContain('How long would you like the blog post to be?');
    expect(contextTexts(m)).toContain('Was: Medium (800-1500 words)');
    expect(m.text.startsWith('Couldn')).toBe(true);
    const knowledge = render(everyKind, ask(input(everyKind, 'knowledge'), { previous: ['kno_1', 'kno_2'] }));
    expect(contextTexts(knowledge)).toContain('Was: 2 knowledge items');
  });

  it('escapes and visibly shortens a long question, and keeps every limit with huge options and ids', () => {
    const long = field('Huge', 'select', {
      id: 'h'.repeat(400),
      question: `<!channel> & ${'why '.repeat(2000)}`,
      hint: '<b>'.repeat(2000),
      options: ['o'.repeat(200), `${'p'.repeat(100)}&`, '', '  '],
    });
    const m = render(task([long]), ask(long, { problem: 'x'.repeat(10_000), previous: 'z'.repeat(5000) }));
    const question = sectionTexts(m)[1] ?? '';
    expect(question).toContain('&lt;!channel&gt; &amp; why');
    expect(question).toContain('…');
    expect(question).not.toContain('<!channel>');
    const control = controlOf(m, long);
    expect(control?.block_id).toBe(fillBlockId(long.id));
    expect(readSkipValue(task([long]), elementsOf(navOf(m))[0]?.value as string)).toBe(long.id);
  });

  it('never uses markup from a plain question: asterisks in it are not bolded around', () => {
    const starred = field('Stars', 'text', { question: 'Rate it *1-5*' });
    expect(sectionTexts(render(task([starred]), ask(starred)))[0]).toBe('Rate it *1-5*  _(1 of 3)_');
  });
});

describe('clarify, recorded, summary and the short messages', () => {
  const length = blogPost.inputs[1] as InputField;

  it('offers the candidates of an ambiguous answer as buttons with their option indexes', () => {
    const c = converse(blogPost);
    c.send({ type: 'skip' });
    const [clarify] = c.say('1500');
    expect(clarify?.type).toBe('clarify');
    const m = render(blogPost, clarify as FillEffect);
    expect(sectionTexts(m)[0]).toContain('matches more than one option');
    const control = controlOf(m, length);
    expect(elementsOf(control).map((e) => [textOf(e.text), e.value])).toEqual([
      [BLOG_LENGTHS[1], '1'],
      [BLOG_LENGTHS[2], '2'],
    ]);
    for (const e of elementsOf(control)) expect(fillActionOf(e.action_id as string)).toBe(FILL_ACTION.pick);
  });

  it('offers many candidates in a menu', () => {
    const industry = input(big, 'industry');
    const candidates = options(150).slice(0, 120);
    const m = render(big, { type: 'clarify', field: industry, candidates, message: '"option" matches more than one option' });
    const [menu] = elementsOf(controlOf(m, industry));
    expect(menu?.type).toBe('static_select');
    expect(menu?.action_id).toBe(FILL_ACTION.select);
    expect((menu?.options as unknown[]).length).toBe(100);
    expect(contextTexts(m)[0]).toContain('first 100');
  });

  it('closes a question: it stays, and its controls become the choice, Skipped, or nothing after a typed reply', () => {
    const picked = renderClosedQuestion(length, { kind: 'picked', value: BLOG_LENGTHS[1] as string });
    expect(sectionTexts(picked)).toEqual([`*${length.question}*`]);
    expect(contextTexts(picked)).toEqual(['✓ Medium (800-1500 words)']);
    expect(blocksOf(picked, 'actions')).toEqual([]);
    expect(contextTexts(renderClosedQuestion(blogPost.inputs[0] as InputField, { kind: 'skipped' }))).toEqual(['_Skipped_']);
    expect(contextTexts(renderClosedQuestion(length, { kind: 'typed' }))).toEqual([]);
    expect(contextTexts(renderClosedQuestion(input(everyKind, 'include-cta'), { kind: 'picked', value: 'false' }))).toEqual(['✓ No']);
  });

  it('acknowledges typed answers: the value alone, or each with its name', () => {
    expect(acknowledgement([{ field: length, value: BLOG_LENGTHS[1] as string }])).toBe('Got it: Medium (800-1500 words)');
    expect(acknowledgement([{ field: blogPost.inputs[0] as InputField, value: 'A <b>' }, { field: length, value: 'Long' }])).toBe(
      'Got it: *Outline:* A &lt;b&gt; · *Blog length:* Long',
    );
    expect(acknowledgement([])).toBe('');
  });

  it('closes a summary: after Run it says the run started, with no buttons left', () => {
    const values = { [TOPIC]: 'AI', [LENGTH]: BLOG_LENGTHS[1] as string };
    const started = renderSummary(blogPost, { values, skipped: [] }, 'started');
    expect(sectionTexts(started)[0]).toBe(':arrow_forward: Started *Blog Post* with:');
    expect(blocksOf(started, 'actions')).toEqual([]);
    expect(contextTexts(started)).toEqual(['The run is below in this thread.']);
  });

  it('sums up every input, "—" for what is empty or skipped, with Run, Edit and Cancel', () => {
    const values = { [TOPIC]: 'AI for <dentists>', [LENGTH]: BLOG_LENGTHS[1] as string };
    const m = render(blogPost, { type: 'summary', values, skipped: [OUTLINE] });
    expect(m.placement).toBe('post');
    expect(sectionTexts(m)).toEqual([
      'Ready to run *Blog Post* with:',
      '*Outline:* —\n*Blog length:* Medium (800-1500 words)\n*Topic:* AI for &lt;dentists&gt;',
    ]);
    const [buttons] = blocksOf(m, 'actions');
    expect(elementsOf(buttons).map((e) => [textOf(e.text), e.action_id, e.style])).toEqual([
      ['Run', FILL_ACTION.confirm, 'primary'],
      ['Edit', FILL_ACTION.edit, undefined],
      ['Cancel', FILL_ACTION.cancel, undefined],
    ]);
    const problem = render(blogPost, { type: 'summary', values, skipped: [], problem: 'There is nothing to skip now.' });
    expect(sectionTexts(problem)[0]).toBe(':warning: There is nothing to skip now.');
  });

  it('keeps a summary of a huge task within a message', () => {
    const inputs = Array.from({ length: 150 }, (_, i) => field(`Input ${i} ${'n'.repeat(100)}`, 'long_text', { id: `f${i}` }));
    const huge = task(inputs);
    const values = Object.fromEntries(inputs.map((f) => [f.id, `${'&'.repeat(50)}${'v'.repeat(3000)}`]));
    const m = render(huge, { type: 'summary', values, skipped: [] });
    expect(sectionTexts(m).join('\n')).toContain('more: use Edit to see them all.');
  });

  it('says what it understood and how to correct it', () => {
    const values = { [TOPIC]: 'AI for dentists', [LENGTH]: BLOG_LENGTHS[1] as string };
    const m = render(blogPost, { type: 'understood', values });
    expect(m.placement).toBe('post');
    expect(m.text).toBe(
      "Here's what I understood: *Blog length:* Medium (800-1500 words) · *Topic:* AI for dentists\n" +
        'Type `change &lt;input&gt;` (e.g. `change blog-length`) to correct anything.',
    );
  });

  it('lists the inputs a "change" could mean', () => {
    const m = render(blogPost, { type: 'which_input', typed: 'lenght', inputs: blogPost.inputs });
    expect(m.text).toContain('I\'m not sure which input "lenght" is.');
    expect(m.text).toContain('`change blog-length` (Blog length)');
    expect(render(blogPost, { type: 'which_input', typed: '', inputs: blogPost.inputs }).text).toMatch(/^Which input/);
  });

  it('has short messages for back, another user, cancel, a click that changes nothing, and nothing for recorded and run', () => {
    expect(render(blogPost, { type: 'nothing_to_go_back_to' }).placement).toBe('post');
    expect(render(blogPost, { type: 'not_owner', ownerId: OWNER_ID })).toMatchObject({
      placement: 'ephemeral',
      text: `This thread belongs to <@${OWNER_ID}>'s run. Mention me in the channel to start your own.`,
    });
    expect(render(blogPost, { type: 'not_owner', ownerId: '<!here>' }).text).not.toContain('<');
    expect(render(blogPost, { type: 'cancelled' })).toMatchObject({ placement: 'post', text: 'Cancelled. Nothing was run.' });
    expect(render(blogPost, { type: 'stale' })).toMatchObject({ placement: 'ephemeral', text: expect.stringContaining('already answered') });
    expect(render(blogPost, { type: 'closed', phase: 'running' })).toMatchObject({ placement: 'ephemeral', text: expect.stringContaining('already started') });
    expect(renderFillEffect(blogPost, { type: 'recorded', field: length, value: 'x' })).toBeNull();
    expect(renderFillEffect(blogPost, { type: 'run', values: {} })).toBeNull();
  });
});

describe('task choices', () => {
  const tasks = Array.from({ length: 7 }, (_, i) =>
    task([], { id: `t${i}`, name: `Blog Post ${i}`, slug: `blog-post-${i}`, description: i === 0 ? '' : `About <${i}>` }),
  );

  it('offers at most five tasks as Choose buttons worth provider:id, and says what was typed', () => {
    const m = renderTaskChoices(tasks, 'blog <post>');
    expect(messageProblems(m)).toEqual([]);
    expect(m.placement).toBe('post');
    expect(sectionTexts(m)[0]).toBe('I couldn\'t tell which task "blog &lt;post&gt;" means. Did you mean one of these?');
    const buttons = blocksOf(m, 'section').flatMap((b) => (isObj(b.accessory) ? [b.accessory] : []));
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual(
      tasks.slice(0, 5).map((t) => [FILL_ACTION.chooseTask, `jasper:${t.id}`]),
    );
    expect(sectionTexts(m)[2]).toContain('About &lt;1&gt;');
  });

  it('asks which task when nothing was typed, and explains how to ask when there is none', () => {
    expect(sectionTexts(renderTaskChoices(tasks.slice(0, 1), '  '))[0]).toBe('Which task should I run?');
    const none = renderNoTask();
    expect(messageProblems(none)).toEqual([]);
    expect(none.text).toContain('@Jasper run blog-post');
    expect(renderTaskChoices([], 'zzz')).toEqual(none);
  });
});

describe('every effect the machine makes renders within Slack’s limits', () => {
  it('walks the Blog Post fill from the issue, rendering every step', () => {
    const c = converse(blogPost);
    const effects: FillEffect[] = [...c.started];
    for (const step of ['back', '1. Why AI\n2. What dentists gain', 'huge', '1500', 'medium', 'change nothing', 'back', 'skip', 'AI for dentists']) {
      effects.push(...c.say(step));
    }
    effects.push(...c.send({ type: 'run_now' }), ...c.send({ type: 'cancel' }));
    const rendered = effects.map((e) => renderFillEffect(blogPost, e));
    for (const m of rendered) if (m) expect(messageProblems(m)).toEqual([]);
    expect(effects.map((e) => e.type)).toEqual(expect.arrayContaining(['ask', 'clarify', 'recorded', 'summary', 'nothing_to_go_back_to', 'cancelled']));
  });

  it('for random tasks and event sequences', () => {
    const scenario = taskArb.chain((t) => fc.record({ task: fc.constant(t), events: fc.array(eventArb(t), { maxLength: 25 }) }));
    fc.assert(
      fc.property(scenario, ({ task: t, events }) => {
        let step = startFill(t, OWNER, {});
        const effects = [...step.effects];
        for (const event of events) {
          step = stepFill(t, step.state, event);
          effects.push(...step.effects);
        }
        for (const effect of effects) {
          const m = renderFillEffect(t, effect);
          if (m) expect(messageProblems(m)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('for every kind, with a 150-option select', () => {
    for (const f of big.inputs) {
      render(big, ask(f, { canRunNow: true, position: { index: 4, total: big.inputs.length }, previous: f.options?.[0] ?? 'x' }));
      expect(messageProblems(renderClosedQuestion(f, { kind: 'picked', value: f.options?.slice(0, 2) ?? ['a', 'b'] }))).toEqual([]);
    }
  });
});
