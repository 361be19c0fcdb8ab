/**
 * A run's structured result as Slack shows it: a `table` block for a list of records, section `fields` for a flat
 * object (both together for an object holding flat values and one list of records), and formatted JSON in a code
 * block only when the data has another shape. Data larger than a message holds is cut to fit, with a note saying
 * what was left out, and the whole data goes along as a JSON file.
 */
import type { KnownBlock, RawTextElement, TableBlock } from '@slack/types';
import {
  MESSAGE_BLOCKS_CHARS,
  SECTION_FIELDS,
  SECTION_TEXT,
  TABLE_CELLS,
  TABLE_COLUMN_SETTINGS,
  TABLE_ROWS,
  truncate,
} from '../../../forms/limits.js';
import { escapeMrkdwn, neutraliseMarkdown } from '../../../forms/untrusted.js';

export interface StructuredView {
  /** The message's top-level `text` (notifications, screen readers). */
  text: string;
  blocks: KnownBlock[];
  /** The whole data, when the blocks show only part of it. */
  attachment?: { name: string; content: string };
}

export const DATA_FILE_NAME = 'data.json';

/** Longest cell and field value shown: longer ones are cut (the file has them whole). A choice, not a Slack limit. */
const CELL_CHARS = 300;
const FIELD_VALUE_CHARS = 500;
/** Flat values shown as fields at most (two sections); more is a shape for JSON. */
const MAX_FIELDS = 2 * SECTION_FIELDS;
/** Room kept under the message's total text for the notes and the label. */
const TEXT_BUDGET = MESSAGE_BLOCKS_CHARS - 1_000;
const FENCE = '```';

type Scalar = string | number | boolean | null;
/** What a field shows: one value, or a short list of them (one a line). */
type FieldValue = Scalar | Scalar[];
type DataRecord = Record<string, unknown>;

export function structuredView(data: unknown): StructuredView {
  if (isRecordList(data)) return tableView(data, [], undefined, data);
  if (isRecord(data)) {
    const entries = Object.entries(data);
    const scalars = entries.filter((entry): entry is [string, FieldValue] => isFieldValue(entry[1]));
    const lists = entries.filter((entry): entry is [string, DataRecord[]] => isRecordList(entry[1]));
    const flat = entries.length > 0 && scalars.length + lists.length === entries.length && lists.length <= 1 && scalars.length <= MAX_FIELDS;
    if (flat) {
      const fields = fieldBlocks(scalars);
      const list = lists[0];
      if (!list) return { text: `Result: ${scalars.length} value${scalars.length === 1 ? '' : 's'}`, blocks: fields.blocks, ...attachIf(fields.cut, data) };
      return tableView(list[1], fields.blocks, list[0], data, fields.cut);
    }
  }
  return jsonView(data);
}

function tableView(records: DataRecord[], leading: KnownBlock[], label: string | undefined, whole: unknown, cutBefore = false): StructuredView {
  const allColumns = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const columns = allColumns.slice(0, Math.min(TABLE_CELLS, TABLE_COLUMN_SETTINGS));
  let cut = cutBefore;
  const cellOf = (value: unknown): RawTextElement => {
    const shown = cellText(value);
    if (shown.length > CELL_CHARS) cut = true;
    return { type: 'raw_text', text: neutraliseMarkdown(truncate(shown, CELL_CHARS)) };
  };
  const header = columns.map((column) => cellOf(column));
  const rows = records.slice(0, TABLE_ROWS - 1).map((record) => columns.map((column) => cellOf(record[column])));
  // The whole message's text has a ceiling: rows go from the end until the rest fits.
  let room = TEXT_BUDGET - textSize(leading) - (label?.length ?? 0) - rowSize(header);
  let shownRows = 0;
  for (const row of rows) {
    room -= rowSize(row);
    if (room < 0) break;
    shownRows += 1;
  }
  const hiddenRows = records.length - shownRows;
  const hiddenColumns = allColumns.length - columns.length;
  const table: TableBlock = {
    type: 'table',
    rows: [header, ...rows.slice(0, shownRows)],
    column_settings: columns.map((column) => (records.every((r) => typeof r[column] === 'number') ? { align: 'right' } : { is_wrapped: true })),
  };
  const notes = [
    hiddenRows > 0 ? `${hiddenRows} more row${hiddenRows === 1 ? '' : 's'}` : '',
    hiddenColumns > 0 ? `${hiddenColumns} more column${hiddenColumns === 1 ? '' : 's'}` : '',
    cut ? 'long values cut short' : '',
  ].filter(Boolean);
  const blocks: KnownBlock[] = [...leading];
  if (label) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(truncate(label, 200))}*` } });
  blocks.push(table);
  if (notes.length > 0) blocks.push(note(`${notes.join(', ')}: the whole data is in the attached file ${DATA_FILE_NAME}.`));
  return {
    text: `Result: a table of ${records.length} row${records.length === 1 ? '' : 's'}`,
    blocks,
    ...attachIf(notes.length > 0, whole),
  };
}

function fieldBlocks(entries: ReadonlyArray<[string, FieldValue]>): { blocks: KnownBlock[]; cut: boolean } {
  let cut = false;
  const fields = entries.map(([key, value]) => {
    const shown = Array.isArray(value) ? value.map(scalarText).join('\n') : scalarText(value);
    if (shown.length > FIELD_VALUE_CHARS) cut = true;
    return { type: 'mrkdwn' as const, text: `*${escapeMrkdwn(truncate(key, 100))}*\n${escapeMrkdwn(truncate(shown, FIELD_VALUE_CHARS))}` };
  });
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += SECTION_FIELDS) blocks.push({ type: 'section', fields: fields.slice(i, i + SECTION_FIELDS) });
  if (cut) blocks.push(note(`Long values cut short: the whole data is in the attached file ${DATA_FILE_NAME}.`));
  return { blocks, cut };
}

/** The last resort: formatted JSON in a code block, or its beginning and the whole as a file when it is too long. */
function jsonView(data: unknown): StructuredView {
  const pretty = JSON.stringify(data, null, 2) ?? String(data);
  // Entities show as themselves inside code; a fence inside a string must not close the block.
  const code = escapeMrkdwn(pretty).replace(/```/g, '`\u200B`\u200B`');
  const room = SECTION_TEXT - 2 * FENCE.length - 2;
  if (code.length <= room) return { text: 'Result data', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${FENCE}\n${code}\n${FENCE}` } }] };
  const lineEnd = code.lastIndexOf('\n', room - 2);
  const head = code.slice(0, lineEnd > 0 ? lineEnd : room - 2);
  return {
    text: 'Result data',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${FENCE}\n${head}\n…${FENCE}` } },
      note(`This is the beginning of the data: the whole of it is in the attached file ${DATA_FILE_NAME}.`),
    ],
    attachment: { name: DATA_FILE_NAME, content: pretty },
  };
}

function attachIf(needed: boolean, data: unknown): Pick<StructuredView, 'attachment'> {
  return needed ? { attachment: { name: DATA_FILE_NAME, content: JSON.stringify(data, null, 2) } } : {};
}

function note(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

function cellText(value: unknown): string {
  return isScalar(value) ? scalarText(value) : '';
}

function scalarText(value: Scalar): string {
  return value === null ? '—' : String(value);
}

function rowSize(row: readonly RawTextElement[]): number {
  return row.reduce((n, cell) => n + cell.text.length, 0);
}

/** Text a list of blocks holds, counted as Slack counts a message's total (every `text`). */
function textSize(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + textSize(v), 0);
  if (value && typeof value === 'object') {
    return Object.entries(value).reduce<number>((n, [k, v]) => n + (k === 'text' && typeof v === 'string' ? v.length : textSize(v)), 0);
  }
  return 0;
}

function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isFieldValue(value: unknown): value is FieldValue {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}

function isRecord(value: unknown): value is DataRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list of flat records (values text, numbers, booleans or null): what a table shows. Nested data is JSON's. */
function isRecordList(value: unknown): value is DataRecord[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && Object.values(v).every(isScalar));
}
