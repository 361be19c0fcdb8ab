import { describe, expect, it } from 'vitest';
import { currentPrompt, type FillEvent, type FillState, FillStateSchema, startFill, stepFill } from '../../src/conversation/index.js';
import type { TaskDefinition } from '../../src/providers/types.js';
import { BLOG_LENGTHS, everyKind, field, task } from '../forms/fixtures.js';
import { converse, OWNER } from './converse.js';
import { blogPost, brief, LENGTH, OUTLINE, TOPIC } from './fixtures.js';

const MEDIUM = 'Medium (800-1500 words)';
const id = (slug: string) => everyKind.inputs.find((f) => f.slug === slug)!.id;

/** everyKind with only its two required inputs (Topic, Blog length) and Outline. */
const small = task(everyKind.inputs.filter((f) => ['topic', 'blog-length', 'outline'].includes(f.slug)));

describe('the issue example: Blog Post filled by typed answers', () => {
  it('asks each input, matches "medium", summarises and runs', () => {
    const c = converse(blogPost);
    expect(c.started).toEqual([
      { type: 'ask', field: blogPost.inputs[0], canSkip: true, canRunNow: true, position: { index: 1, total: 3 } },
    ]);
    expect(brief(c.say('1. Why AI\n2. What dentists gain'))).toEqual(['recorded:outline', 'ask:blog-length']);
    expect(c.say('medium')).toEqual([
      { type: 'recorded', field: blogPost.inputs[1], value: MEDIUM },
      { type: 'ask', field: blogPost.inputs[2], canSkip: true, canRunNow: true, position: { index: 3, total: 3 } },
    ]);
    const values = { [OUTLINE]: '1. Why AI\n2. What dentists gain', [LENGTH]: MEDIUM, [TOPIC]: 'AI for dentists' };
    expect(c.say('AI for dentists')).toEqual([
      { type: 'recorded', field: blogPost.inputs[2], value: 'AI for dentists' },
      { type: 'summary', values, skipped: [] },
    ]);
    expect(c.state.phase).toBe('confirming');
    expect(c.say('Run')).toEqual([{ type: 'run', values }]);
    expect(c.state.phase).toBe('running');
  });
});

describe('asking only what is missing', () => {
  it('echoes what was pre-filled and asks the first missing input', () => {
    const { state, effects } = startFill(blogPost, OWNER, { [TOPIC]: 'AI for dentists', unknown: 'x', [OUTLINE]: '' });
    expect(brief(effects)).toEqual(['understood', 'ask:outline']);
    expect(effects[0]).toEqual({ type: 'understood', values: { [TOPIC]: 'AI for dentists' } });
    expect(effects[1]).toMatchObject({ position: { index: 2, total: 3 } });
    expect(state).toEqual({
      v: 1, provider: 'jasper', taskId: blogPost.id, ownerId: OWNER, values: { [TOPIC]: 'AI for dentists' }, skipped: [], trail: [], phase: 'asking', asking: OUTLINE,
    });
  });

  it('goes straight to the summary when nothing is missing', () => {
    const values = { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' };
    const { state, effects } = startFill(blogPost, OWNER, values);
    expect(effects).toEqual([{ type: 'understood', values }, { type: 'summary', values, skipped: [] }]);
    expect(state.phase).toBe('confirming');
  });

  it('asks required inputs first, then optional ones, each in task order', () => {
    const c = converse(everyKind);
    const asked = [c.started];
    asked.push(c.say('AI'), c.say('short'));
    for (let i = 0; i < 5; i++) asked.push(c.send({ type: 'skip' }));
    expect(asked.map((e) => brief(e).filter((b) => b.startsWith('ask:')).join())).toEqual([
      'ask:topic', 'ask:blog-length', 'ask:outline', 'ask:channels', 'ask:knowledge', 'ask:keywords', 'ask:include-cta', '',
    ]);
    expect(c.state.phase).toBe('confirming');
  });
});

describe('typed answers', () => {
  it('clarifies an ambiguous option and keeps the question open', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o' });
    const before = c.state;
    expect(c.say('1500')).toEqual([
      { type: 'clarify', field: blogPost.inputs[1], candidates: [MEDIUM, BLOG_LENGTHS[2]], message: expect.stringContaining('which one?') },
    ]);
    expect(c.state).toEqual(before);
    expect(brief(c.send({ type: 'pick', fieldId: LENGTH, values: [MEDIUM] }))).toEqual(['recorded:blog-length', 'ask:topic']);
  });

  it('asks again with the reason when an option does not match', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o' });
    expect(c.say('huge')).toEqual([
      {
        type: 'ask',
        field: blogPost.inputs[1],
        problem: `Couldn't match "huge" to an option. The options: ${BLOG_LENGTHS.join(', ')}. Type one, or pick it from the menu.`,
        canSkip: true,
        canRunNow: true,
        position: { index: 2, total: 3 },
      },
    ]);
    expect(c.state.asking).toBe(LENGTH);
  });

  it('refuses a long answer with the limit and never cuts it', () => {
    const c = converse(small);
    expect(c.say('x'.repeat(612))).toMatchObject([{ type: 'ask', field: { slug: 'topic' }, problem: 'Keep it under 500 characters (this one is 612).' }]);
    expect(c.state.values).toEqual({});
  });

  it('names the item of a multi-select list that does not match', () => {
    const c = converse(everyKind, { [id('topic')]: 't', [id('blog-length')]: 'Long (over 1500 words)', [id('outline')]: 'o' });
    expect(c.say('blog, myspace')).toMatchObject([{ type: 'ask', field: { slug: 'channels' }, problem: expect.stringContaining('"myspace"') }]);
    expect(c.say('blog, linked')).toMatchObject([{ type: 'recorded', value: ['Blog', 'LinkedIn'] }, { type: 'ask', field: { slug: 'knowledge' } }]);
  });

  it('asks for knowledge to be picked, and takes the picked ids', () => {
    const c = converse(task([field('Knowledge', 'knowledge', { required: true })]));
    expect(c.say('our brand book')).toMatchObject([{ type: 'ask', problem: 'Pick items from the menu.' }]);
    expect(c.send({ type: 'pick', fieldId: 'id-knowledge', values: ['kno_1', 'kno_2'] })).toMatchObject([
      { type: 'recorded', value: ['kno_1', 'kno_2'] },
      { type: 'summary' },
    ]);
  });

  it('reads yes and no for a checkbox', () => {
    const c = converse(task([field('Include CTA', 'checkbox')]));
    expect(c.say('Yes')).toMatchObject([{ type: 'recorded', value: 'true' }, { type: 'summary' }]);
  });
});

describe('skip', () => {
  it('skips an optional input and asks the next', () => {
    const c = converse(blogPost);
    expect(c.send({ type: 'skip', fieldId: OUTLINE })).toMatchObject([
      { type: 'recorded', field: { id: OUTLINE }, value: null },
      { type: 'ask', field: { id: LENGTH }, position: { index: 2, total: 3 } },
    ]);
    expect(c.state.skipped).toEqual([OUTLINE]);
  });

  it('does not skip a required input', () => {
    const c = converse(small);
    expect(c.say('skip')).toMatchObject([{ type: 'ask', field: { slug: 'topic' }, canSkip: false, problem: expect.stringContaining("can't be skipped") }]);
    expect(c.state.skipped).toEqual([]);
  });

  it('ignores a Skip button from an earlier question', () => {
    const c = converse(blogPost);
    c.say('an outline');
    const before = c.state;
    expect(c.send({ type: 'skip', fieldId: OUTLINE })).toEqual([{ type: 'stale' }]);
    expect(c.state).toEqual(before);
  });
});

describe('run now', () => {
  it('is offered once nothing required is missing, and shows the summary', () => {
    const c = converse(small);
    expect(c.started).toMatchObject([{ canRunNow: false }]);
    expect(c.say('AI')).toMatchObject([{}, { type: 'ask', field: { slug: 'blog-length' }, canRunNow: false }]);
    expect(c.say('short')).toMatchObject([{}, { type: 'ask', field: { slug: 'outline' }, canRunNow: true }]);
    expect(c.send({ type: 'run_now' })).toEqual([
      { type: 'summary', values: { [id('topic')]: 'AI', [id('blog-length')]: BLOG_LENGTHS[0] }, skipped: [] },
    ]);
  });

  it('asks for a missing required input instead', () => {
    const c = converse(small);
    expect(c.say('run now')).toMatchObject([{ type: 'ask', field: { slug: 'topic' }, problem: 'Topic is needed before the task can run.' }]);
    expect(c.state.phase).toBe('asking');
  });
});

describe('back', () => {
  it('reopens the last answer, dropping only that one, and shows what it was', () => {
    const c = converse(blogPost);
    c.say('an outline');
    c.say('long');
    expect(c.say('back')).toEqual([
      { type: 'ask', field: blogPost.inputs[1], previous: BLOG_LENGTHS[2], canSkip: true, canRunNow: true, position: { index: 2, total: 3 } },
    ]);
    expect(c.state).toMatchObject({ values: { [OUTLINE]: 'an outline' }, trail: [OUTLINE], asking: LENGTH });
    expect(brief(c.say('medium'))).toEqual(['recorded:blog-length', 'ask:topic']);
  });

  it('reopens a skipped input', () => {
    const c = converse(blogPost);
    c.say('skip');
    expect(c.send({ type: 'back' })).toMatchObject([{ type: 'ask', field: { id: OUTLINE } }]);
    expect(c.state.skipped).toEqual([]);
  });

  it('says when there is nothing to go back to (pre-filled inputs are changed by name)', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o' });
    expect(c.say('back')).toEqual([{ type: 'nothing_to_go_back_to' }]);
    expect(c.state.asking).toBe(LENGTH);
  });

  it('goes back from the summary', () => {
    const c = converse(blogPost);
    c.say('o');
    c.say('short');
    c.say('t');
    expect(c.say('back')).toMatchObject([{ type: 'ask', field: { id: TOPIC }, previous: 't' }]);
    expect(c.state.phase).toBe('asking');
  });
});

describe('change <input>', () => {
  it('reopens the input named by name, slug or part of a name', () => {
    for (const name of ['Blog length', 'blog-length', 'length', 'LENGTH!']) {
      const c = converse(blogPost, { [LENGTH]: MEDIUM, [TOPIC]: 't' });
      expect(c.say(`change ${name}`)).toMatchObject([{ type: 'ask', field: { id: LENGTH }, previous: MEDIUM }]);
      expect(c.state.values).toEqual({ [TOPIC]: 't' });
    }
  });

  it('works from the summary, and returns to it once answered', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' });
    c.say('change topic');
    expect(brief(c.say('AI for dentists'))).toEqual(['recorded:topic', 'summary']);
  });

  it('says which inputs exist when the name matches none', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o' });
    const before = c.state;
    expect(c.say('change tone')).toEqual([{ type: 'which_input', typed: 'tone', inputs: blogPost.inputs }]);
    expect(c.state).toEqual(before);
  });

  it('offers the inputs a name could mean', () => {
    const t = task([field('Blog length', 'text'), field('Intro length', 'text')]);
    expect(converse(t).say('change length')).toMatchObject([{ type: 'which_input', inputs: [{ slug: 'blog-length' }, { slug: 'intro-length' }] }]);
  });

  it('takes "change ..." as the answer to an open free-text question when it names no input', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM });
    expect(c.say('Change management for dentists')).toMatchObject([{ type: 'recorded', value: 'Change management for dentists' }, { type: 'summary' }]);
  });
});

describe('cancel', () => {
  it('ends the conversation, and anything after gets a short note', () => {
    const c = converse(blogPost);
    expect(c.send({ type: 'cancel' })).toEqual([{ type: 'cancelled' }]);
    expect(c.state.phase).toBe('cancelled');
    expect(c.state.asking).toBeUndefined();
    const ended = c.state;
    for (const text of ['medium', 'run', 'back']) expect(c.say(text)).toEqual([{ type: 'closed', phase: 'cancelled' }]);
    expect(c.send({ type: 'confirm' })).toEqual([{ type: 'closed', phase: 'cancelled' }]);
    expect(c.state).toBe(ended);
  });
});

describe('confirm', () => {
  it('runs from the summary with the Run button', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' });
    expect(c.send({ type: 'confirm' })).toEqual([{ type: 'run', values: c.state.values }]);
    expect(c.send({ type: 'confirm' })).toEqual([{ type: 'closed', phase: 'running' }]);
  });

  it('shows the summary again for a Run button from an older summary while a question is open', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' });
    c.say('change topic');
    expect(c.send({ type: 'confirm' })).toEqual([{ type: 'summary', values: { [OUTLINE]: 'o', [LENGTH]: MEDIUM }, skipped: [] }]);
    expect(c.state.phase).toBe('confirming');
  });

  it('never runs with a required input missing: a task that gained one asks for it', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' });
    const grown: TaskDefinition = { ...blogPost, inputs: [...blogPost.inputs, field('Audience', 'text', { required: true })] };
    expect(stepFill(grown, c.state, { type: 'confirm', userId: OWNER }).effects).toMatchObject([
      { type: 'ask', field: { slug: 'audience' }, problem: 'Audience is needed before the task can run.' },
    ]);
  });

  it('explains what to say when a reply at the summary is not a command', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' });
    expect(c.say('looks good?')).toMatchObject([{ type: 'summary', problem: 'Say "run" to start it, "change outline" to change an answer, or "cancel".' }]);
  });
});

describe('other people in the thread', () => {
  it('are told whose thread it is, and change nothing', () => {
    const c = converse(blogPost);
    const before = c.state;
    const events: FillEvent[] = [
      { type: 'text', userId: 'U_OTHER', text: 'medium' },
      { type: 'cancel', userId: 'U_OTHER' },
      { type: 'pick', userId: 'U_OTHER', fieldId: LENGTH, values: [MEDIUM] },
    ];
    for (const event of events) expect(c.send(event)).toEqual([{ type: 'not_owner', ownerId: OWNER }]);
    expect(c.state).toBe(before);
  });
});

describe('picks', () => {
  it('takes a pick for an earlier question and keeps the open one', () => {
    const c = converse(blogPost);
    c.say('skip');
    expect(c.send({ type: 'pick', fieldId: OUTLINE, values: ['late outline'] })).toEqual([
      { type: 'recorded', field: blogPost.inputs[0], value: 'late outline' },
    ]);
    expect(c.state).toMatchObject({ asking: LENGTH, skipped: [], values: { [OUTLINE]: 'late outline' }, trail: [OUTLINE] });
  });

  it('shows the summary again after a pick at the summary', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM, [TOPIC]: 't' });
    expect(brief(c.send({ type: 'pick', fieldId: LENGTH, values: [BLOG_LENGTHS[0]!] }))).toEqual(['recorded:blog-length', 'summary']);
  });

  it('ignores a repeated pick (saying so), a field that is gone, and an option that is gone', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o', [LENGTH]: MEDIUM });
    const before = c.state;
    expect(c.send({ type: 'pick', fieldId: LENGTH, values: [MEDIUM] })).toEqual([{ type: 'stale' }]);
    expect(c.send({ type: 'pick', fieldId: 'gone', values: ['x'] })).toEqual([{ type: 'stale' }]);
    expect(c.send({ type: 'pick', fieldId: LENGTH, values: ['Epic'] })).toEqual([{ type: 'stale' }]);
    expect(c.state).toEqual(before);
  });

  it('asks again when the open question gets an option that is gone', () => {
    const c = converse(blogPost, { [OUTLINE]: 'o' });
    expect(c.send({ type: 'pick', fieldId: LENGTH, values: ['Epic'] })).toMatchObject([
      { type: 'ask', field: { id: LENGTH }, problem: 'That option is no longer available: pick another one.' },
    ]);
  });
});

describe('the stored state', () => {
  it('is plain JSON that passes the schema, and picks up where it stopped', () => {
    const c = converse(blogPost);
    c.say('o');
    const stored: unknown = JSON.parse(JSON.stringify(c.state));
    const state: FillState = FillStateSchema.parse(stored);
    expect(state).toEqual(c.state);
    expect(currentPrompt(blogPost, state).effects).toMatchObject([{ type: 'ask', field: { id: LENGTH } }]);
    expect(stepFill(blogPost, state, { type: 'text', userId: OWNER, text: 'medium' }).state.values[LENGTH]).toBe(MEDIUM);
  });

  it('rejects a state whose open question does not fit its phase', () => {
    const { state } = startFill(blogPost, OWNER, {});
    expect(FillStateSchema.safeParse({ ...state, phase: 'confirming' }).success).toBe(false);
    expect(FillStateSchema.safeParse({ ...state, v: 2 }).success).toBe(false);
  });

  it('fits a state to a task that lost the open input', () => {
    const c = converse(blogPost, { [TOPIC]: 't' });
    const shrunk: TaskDefinition = { ...blogPost, inputs: blogPost.inputs.slice(1) };
    const step = currentPrompt(shrunk, c.state);
    expect(step.effects).toMatchObject([{ type: 'ask', field: { id: LENGTH } }]);
    expect(step.state.asking).toBe(LENGTH);
  });
});
