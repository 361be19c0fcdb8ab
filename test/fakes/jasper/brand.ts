/**
 * Jasper IQ lists as the fake serves them: `GET /tones` and `GET /styles` (one list, no paging parameters: any query
 * parameter is refused) and `GET /audiences?page=&size=` (paged, size 1-100, default 10).
 */
import { randomUUID } from 'node:crypto';
import { badRequest, optionalInt, paged, rejectUnknownQuery } from './common.js';

/** `{ id (ton_...), name, value, metadata, settings }`. */
export interface FakeTone {
  id: string;
  name: string;
  value: string;
  metadata?: Record<string, unknown>;
  settings?: Record<string, unknown>;
}

/** `{ id, name, coreMessaging, ... }`: no description. */
export interface FakeAudience {
  id: string;
  name: string;
  /** Text in the documents; kept open, since other shapes may come. */
  coreMessaging?: unknown;
  [field: string]: unknown;
}

/** `{ id (sty_...), name, description, customInstructions, terms, rules }`. */
export interface FakeStyle {
  id: string;
  name: string;
  description: string;
  customInstructions?: string;
  terms?: unknown[];
  rules?: unknown[];
}

export const DEFAULT_TONES: FakeTone[] = [
  { id: 'ton_01HFRIENDLY', name: 'Friendly', value: 'Warm, upbeat and plain-spoken; short sentences.', metadata: {}, settings: {} },
  { id: 'ton_01HEXPERT', name: 'Expert', value: 'Confident and precise, with evidence for every claim.', metadata: {}, settings: {} },
];

export const DEFAULT_AUDIENCES: FakeAudience[] = [
  { id: 'aud_01HCMOS', name: 'CMOs at B2B SaaS companies', coreMessaging: 'Jasper makes every marketer on the team faster, on brand.' },
  { id: 'aud_01HDEVS', name: 'Developers', coreMessaging: 'An API for on-brand content in your own product.' },
];

export const DEFAULT_STYLES: FakeStyle[] = [
  { id: 'sty_01HHOUSE', name: 'House style', description: 'Sentence case headings, Oxford comma, no exclamation marks.', customInstructions: '', terms: [], rules: [] },
];

export function listTones(params: URLSearchParams, tones: FakeTone[]) {
  rejectUnknownQuery(params, []);
  return { requestId: randomUUID(), resource: 'tones', data: tones };
}

export function listStyles(params: URLSearchParams, styles: FakeStyle[]) {
  rejectUnknownQuery(params, []);
  return { requestId: randomUUID(), resource: 'styles', data: styles };
}

export function listAudiences(params: URLSearchParams, audiences: FakeAudience[]) {
  rejectUnknownQuery(params, ['page', 'size']);
  const size = optionalInt(params, 'size', 1, 100) ?? 10;
  const page = optionalInt(params, 'page', 1) ?? 1;
  return paged(audiences, page, size, 'audiences');
}

const TONE_FIELDS = ['name', 'value', 'metadata', 'settings'];

/** `POST /tones` needs `name` and `value` (non-empty strings); `PATCH` takes any of them; other fields are refused. */
export function checkToneBody(body: Record<string, unknown>, creating: boolean): Pick<FakeTone, 'name' | 'value'> & Partial<FakeTone> {
  const errors = Object.keys(body)
    .filter((k) => !TONE_FIELDS.includes(k))
    .map((k) => `property ${k} should not exist`);
  for (const key of ['name', 'value']) {
    const v = body[key];
    if (v === undefined ? creating : typeof v !== 'string' || v.trim() === '') errors.push(`${key} should not be empty`, `${key} must be a string`);
  }
  for (const key of ['metadata', 'settings']) if (body[key] !== undefined && (typeof body[key] !== 'object' || body[key] === null)) errors.push(`${key} must be an object`);
  if (errors.length > 0) throw badRequest(errors);
  return body as Pick<FakeTone, 'name' | 'value'> & Partial<FakeTone>;
}

export const toneJson = (tone: FakeTone) => ({ requestId: randomUUID(), resource: 'tones', data: { metadata: {}, settings: {}, ...tone } });
