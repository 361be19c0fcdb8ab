import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME, structuredView } from '../../../src/slack/thread/render/structured-blocks.js';
import { checkBlocks } from '../../fakes/fake-slack.js';

const HOSTILE = ['<!channel>', '<@U123>', '<https://x|y>'];

/** Every Slack token a cell or field could form: none may survive. */
function tokensIn(blocks: unknown): string[] {
  return JSON.stringify(blocks).match(/<(?:!|@|https?:)[^>]*>/g) ?? [];
}

function valid(blocks: unknown): void {
  expect(checkBlocks(blocks, 50)).toEqual({ messages: [] });
}

describe('structured results as Slack shows them', () => {
  it('shows a list of records as a table block: a header row, then one row a record', () => {
    const view = structuredView([
      { name: 'Widget', price: 3 },
      { name: 'Gadget', price: 12, note: 'new' },
    ]);
    valid(view.blocks);
    const table = view.blocks.find((b) => b.type === 'table');
    expect(table).toMatchObject({
      rows: [
        [{ type: 'raw_text', text: 'name' }, { type: 'raw_text', text: 'price' }, { type: 'raw_text', text: 'note' }],
        [{ type: 'raw_text', text: 'Widget' }, { type: 'raw_text', text: '3' }, { type: 'raw_text', text: '' }],
        [{ type: 'raw_text', text: 'Gadget' }, { type: 'raw_text', text: '12' }, { type: 'raw_text', text: 'new' }],
      ],
      column_settings: [{ is_wrapped: true }, { align: 'right' }, { is_wrapped: true }],
    });
    expect(view.attachment).toBeUndefined();
  });

  it('shows a flat object as the fields of a section', () => {
    const view = structuredView({ title: 'Top story', points: 412, open: true, author: null });
    valid(view.blocks);
    expect(view.blocks).toEqual([
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*title*\nTop story' },
          { type: 'mrkdwn', text: '*points*\n412' },
          { type: 'mrkdwn', text: '*open*\ntrue' },
          { type: 'mrkdwn', text: '*author*\n—' },
        ],
      },
    ]);
  });

  it('shows a list of plain values as one field, a value a line', () => {
    const view = structuredView({ summary: 'Done', sources: ['https://a', 'https://b'] });
    valid(view.blocks);
    expect(view.blocks).toEqual([{ type: 'section', fields: [{ type: 'mrkdwn', text: '*summary*\nDone' }, { type: 'mrkdwn', text: '*sources*\nhttps://a\nhttps://b' }] }]);
  });

  it('shows an object holding flat values and one list of records as fields and a table', () => {
    const view = structuredView({ source: 'HN', stories: [{ title: 'A', points: 1 }] });
    valid(view.blocks);
    expect(view.blocks.map((b) => b.type)).toEqual(['section', 'section', 'table']);
    expect(JSON.stringify(view.blocks[1])).toContain('*stories*');
  });

  it('falls back to formatted JSON in a code block for nested data', () => {
    const view = structuredView({ a: { b: [1, 2] }, c: [[1]] });
    valid(view.blocks);
    expect(view.blocks).toHaveLength(1);
    const text = (view.blocks[0] as { text: { text: string } }).text.text;
    expect(text.startsWith('```\n{\n  "a": {')).toBe(true);
    expect(text.endsWith('\n```')).toBe(true);
  });

  it('escapes every cell, field and JSON value: no mention or disguised link forms', () => {
    const records = HOSTILE.map((h) => ({ [h]: h, other: `x ${h} y` }));
    const table = structuredView(records);
    const fields = structuredView(Object.fromEntries(HOSTILE.map((h, i) => [`${h}${i}`, h])));
    const json = structuredView({ nested: { deep: HOSTILE } });
    for (const view of [table, fields, json]) {
      valid(view.blocks);
      expect(tokensIn(view.blocks)).toEqual([]);
    }
    // What people read stays what the data says (the break is a zero-width space, the entities show as the characters).
    expect(JSON.stringify(table.blocks)).toContain('<\u200B!channel>');
    expect(JSON.stringify(fields.blocks)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(json.blocks)).toContain('&lt;@U123&gt;');
  });

  it('keeps a large list within Slack limits: the rows that fit, "N more rows", and the whole data as a file', () => {
    const records = Array.from({ length: 250 }, (_, i) => ({ id: i, text: 'word '.repeat(30) }));
    const view = structuredView(records);
    valid(view.blocks);
    const table = view.blocks.find((b) => b.type === 'table') as { rows: unknown[] };
    const shown = table.rows.length - 1;
    expect(shown).toBeLessThan(100);
    expect(JSON.stringify(view.blocks)).toContain(`${250 - shown} more rows`);
    expect(view.attachment?.name).toBe(DATA_FILE_NAME);
    expect(JSON.parse(view.attachment?.content ?? '')).toEqual(records);
  });

  it('keeps at most 20 columns and says how many more there are', () => {
    const record = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`c${i}`, i]));
    const view = structuredView([record]);
    valid(view.blocks);
    const table = view.blocks.find((b) => b.type === 'table') as { rows: unknown[][] };
    expect(table.rows[0]).toHaveLength(20);
    expect(JSON.stringify(view.blocks)).toContain('5 more columns');
    expect(view.attachment).toBeDefined();
  });

  it('shows the beginning of JSON too long for a section and attaches the whole', () => {
    const data = { nested: Array.from({ length: 400 }, (_, i) => ({ deep: { i } })) };
    const view = structuredView(data);
    valid(view.blocks);
    expect(JSON.stringify(view.blocks)).toContain('the whole of it is in the attached file');
    expect(JSON.parse(view.attachment?.content ?? '')).toEqual(data);
  });
});

describe('the fake Slack takes a table only in the shape Slack documents', () => {
  const ok = { type: 'table', rows: [[{ type: 'raw_text', text: 'a' }]] };
  it('accepts raw_text and rich_text cells and column settings', () => {
    const rich = { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'b' }] }] };
    valid([{ ...ok, rows: [[{ type: 'raw_text', text: 'a' }, rich]], column_settings: [{ align: 'right', is_wrapped: true }] }]);
  });
  it.each([
    ['a cell of another type', { ...ok, rows: [[{ type: 'mrkdwn', text: 'a' }]] }],
    ['a row that is not a list', { ...ok, rows: [{ type: 'raw_text', text: 'a' }] }],
    ['no rows', { type: 'table', rows: [] }],
    ['101 rows', { ...ok, rows: Array.from({ length: 101 }, () => [{ type: 'raw_text', text: 'a' }]) }],
    ['21 cells in a row', { ...ok, rows: [Array.from({ length: 21 }, () => ({ type: 'raw_text', text: 'a' }))] }],
    ['an unknown alignment', { ...ok, column_settings: [{ align: 'justify' }] }],
    ['an unknown field', { ...ok, caption: 'x' }],
  ])('refuses %s', (_name, block) => {
    expect(checkBlocks([block], 50).error).toBe('invalid_blocks');
  });
  it('refuses two tables in one message', () => {
    expect(checkBlocks([ok, ok], 50).error).toBe('invalid_blocks');
  });
});
