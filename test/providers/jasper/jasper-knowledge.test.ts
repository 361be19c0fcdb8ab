import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { JASPER_KNOWLEDGE_LIMITS } from '../../../src/providers/jasper/index.js';
import type { KnowledgeUpload } from '../../../src/providers/types.js';
import { DEFAULT_KNOWLEDGE, FAKE_KNOWLEDGE_LIMITS, startFakeJasper, type FakeJasper, type RecordedForm } from '../../fakes/fake-jasper.js';
import { jasperFor } from './setup.js';

let fake: FakeJasper;
beforeAll(async () => {
  fake = await startFakeJasper();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setKnowledge(DEFAULT_KNOWLEDGE);
  fake.setKnowledgeLimits(FAKE_KNOWLEDGE_LIMITS);
});

const MB = 1024 * 1024;
/** Every byte value, so that a text decoding anywhere on the way would show. */
const BINARY = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

function file(overrides: Partial<KnowledgeUpload> = {}): KnowledgeUpload {
  return { name: 'Launch plan 2026', fileName: 'launch-plan.pdf', contentType: 'application/pdf', bytes: BINARY, tags: ['launch', 'product'], ...overrides };
}

/** A multipart request straight to the fake. */
async function post(form: FormData) {
  const response = await fetch(`${fake.baseURL}/knowledge`, { method: 'POST', headers: { 'x-api-key': fake.apiKey }, body: form });
  return { status: response.status, json: (await response.json()) as { message?: string | string[]; data?: Record<string, unknown> } };
}

function form(fields: Record<string, string | string[]>, attach?: { bytes: Uint8Array; type: string; name: string }): FormData {
  const out = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) out.append(key, v);
  if (attach) out.set('file', new Blob([new Uint8Array(attach.bytes)], { type: attach.type }), attach.name);
  return out;
}

const messageOf = (json: { message?: string | string[] }) => [json.message ?? []].flat().join(' ');

describe('knowledgeLimits', () => {
  it('states our assumed limits: 30 MB, text document types', () => {
    expect(jasperFor(fake).knowledge?.limits).toEqual({
      maxBytes: 30 * MB,
      contentTypes: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/plain', 'text/markdown', 'text/csv', 'text/html'],
    });
    // The fake refuses by the same assumption, so a file the bot lets through is one the fake takes.
    expect(FAKE_KNOWLEDGE_LIMITS).toEqual(JASPER_KNOWLEDGE_LIMITS);
  });
});

describe('uploadKnowledge', () => {
  it('sends real multipart: the fake reads the name, one tags field per tag, and the file bytes as sent', async () => {
    const item = await jasperFor(fake).knowledge?.upload?.(file());
    expect(item).toEqual({ id: expect.stringMatching(/^kno_/), name: 'Launch plan 2026', tags: ['launch', 'product'] });
    const [sent] = fake.requestsTo('POST /knowledge');
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.body).toEqual({
      fields: { name: 'Launch plan 2026', tags: ['launch', 'product'] },
      files: { file: { fileName: 'launch-plan.pdf', contentType: 'application/pdf', size: 512 } },
    } satisfies RecordedForm);
    const stored = fake.knowledgeFile(item!.id);
    expect(stored?.fileName).toBe('launch-plan.pdf');
    expect(stored?.contentType).toBe('application/pdf');
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(BINARY))).toBe(true);
  });

  it('is found by search right after, and Jasper says it is still processing', async () => {
    const jasper = jasperFor(fake);
    const item = await jasper.knowledge?.upload?.(file({ name: 'Zebra facts', tags: [] }));
    expect(await jasper.knowledge?.search('zebra')).toEqual([{ id: item?.id, name: 'Zebra facts' }]);
    expect(fake.knowledgeItems().map((k) => k.name)).toContain('Zebra facts');
  });

  it('sends the file name as the name when none is given, trims tags and drops empty or repeated ones', async () => {
    await jasperFor(fake).knowledge?.upload?.(file({ name: '  ', tags: [' a ', '', 'a', 'b'] }));
    expect((fake.requestsTo('POST /knowledge')[0]?.body as RecordedForm).fields).toEqual({ name: 'launch-plan.pdf', tags: ['a', 'b'] });
  });

  it('sends a content type with parameters as its base type', async () => {
    const item = await jasperFor(fake).knowledge?.upload?.(file({ fileName: 'notes.md', contentType: 'text/markdown; charset=utf-8', bytes: new TextEncoder().encode('# Notes\n') }));
    expect(fake.knowledgeFile(item!.id)?.contentType).toBe('text/markdown');
  });

  it.each([
    ['over the size limit', file({ bytes: new Uint8Array(30 * MB + 1) }), /is 30 MB; Jasper knowledge takes files up to 30 MB/],
    ['of a type Jasper does not take', file({ fileName: 'logo.png', contentType: 'image/png' }), /does not take files of type image\/png \("logo\.png"\)/],
    ['empty', file({ bytes: new Uint8Array(0) }), /is empty/],
  ])('refuses a file %s before sending anything, with the reason', async (_what, upload, message) => {
    const error = await jasperFor(fake).knowledge?.upload?.(upload).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports the fake refusing a file past its own limit as bad_request, with its message', async () => {
    fake.setKnowledgeLimits({ ...FAKE_KNOWLEDGE_LIMITS, maxBytes: 100 });
    const error = await jasperFor(fake).knowledge?.upload?.(file()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_request', message: expect.stringContaining('File too large: 512 bytes; the limit is 100 bytes') });
    expect(fake.knowledgeItems()).toHaveLength(DEFAULT_KNOWLEDGE.length);
  });

  it('never resends an upload after a 500 (Jasper may have stored it)', async () => {
    fake.failNext('POST /knowledge', { status: 500, times: 3 });
    await expect(jasperFor(fake).knowledge?.upload?.(file())).rejects.toMatchObject({ code: 'upstream' });
    expect(fake.requestsTo('POST /knowledge')).toHaveLength(1);
  });

  it('resends an upload refused with 429 (nothing was stored)', async () => {
    fake.failNext('POST /knowledge', { status: 429, retryAfter: 0 });
    expect(await jasperFor(fake).knowledge?.upload?.(file())).toMatchObject({ name: 'Launch plan 2026' });
    expect(fake.requestsTo('POST /knowledge')).toHaveLength(2);
  });
});

describe('deleteKnowledge', () => {
  it('deletes: the item leaves the list and searches', async () => {
    const jasper = jasperFor(fake);
    await jasper.knowledge?.delete?.('kno_01HPRICINGFAQ');
    expect(fake.requestsTo('DELETE /knowledge/:id').map((r) => r.path)).toEqual(['/v1/knowledge/kno_01HPRICINGFAQ']);
    expect(await jasper.knowledge?.search('')).toEqual([
      { id: 'kno_01HBRANDGUIDE', name: 'Brand guide 2025' },
      { id: 'kno_01HPRODUCTSPECS', name: 'Product specifications' },
    ]);
  });

  it('deletes an upload', async () => {
    const jasper = jasperFor(fake);
    const item = await jasper.knowledge?.upload?.(file());
    await jasper.knowledge?.delete?.(item!.id);
    expect(fake.knowledgeItems().some((k) => k.id === item?.id)).toBe(false);
    expect(fake.knowledgeFile(item!.id)).toBeUndefined();
  });

  it('maps an unknown id to not_found', async () => {
    await expect(jasperFor(fake).knowledge?.delete?.('kno_nope')).rejects.toMatchObject({ code: 'not_found', message: 'Jasper could not find it (404): Knowledge not found.' });
  });
});

describe('fake Jasper: knowledge uploads', () => {
  const pdf = { bytes: BINARY, type: 'application/pdf', name: 'a.pdf' };

  it('answers 201 with processingState InProgress, then lists the item (Completed once processed)', async () => {
    const created = await post(form({ name: 'Quokka sheet', tags: '["a","b"]', summary: 'One page', metadata: '{"source":"slack"}', settings: '{}' }, pdf));
    expect(created.status).toBe(201);
    expect(created.json.data).toMatchObject({ id: expect.stringMatching(/^kno_/), name: 'Quokka sheet', tags: ['a', 'b'], summary: 'One page', metadata: { source: 'slack' }, processingState: 'InProgress' });
    const listed = await fetch(`${fake.baseURL}/knowledge?q=name:quokka`, { headers: { 'x-api-key': fake.apiKey } });
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([expect.objectContaining({ name: 'Quokka sheet', processingState: 'Completed' })]);
    const got = await fetch(`${fake.baseURL}/knowledge/${String(created.json.data?.id)}`, { headers: { 'x-api-key': fake.apiKey } });
    expect(got.status).toBe(200);
  });

  it('reads "InProgress" in lists while processing', async () => {
    const slow = await startFakeJasper({ knowledgeProcessingMs: 60_000 });
    try {
      const jasper = jasperFor(slow);
      await jasper.knowledge?.upload?.(file({ name: 'Slow doc' }));
      const listed = await fetch(`${slow.baseURL}/knowledge?q=name:slow`, { headers: { 'x-api-key': slow.apiKey } });
      expect(((await listed.json()) as { data: unknown[] }).data).toEqual([expect.objectContaining({ processingState: 'InProgress' })]);
    } finally {
      await slow.close();
    }
  });

  it.each([
    ['no file', form({ name: 'x' }), 'file is required'],
    ['no name', form({}, pdf), 'name should not be empty'],
    ['a field it does not know', form({ name: 'x', folder: 'y' }, pdf), 'property folder should not exist'],
    ['metadata that is not a JSON object', form({ name: 'x', metadata: 'source=slack' }, pdf), 'metadata must be a JSON string of an object'],
    ['settings that are a JSON array', form({ name: 'x', settings: '[1]' }, pdf), 'settings must be a JSON string of an object'],
    ['an empty tag', form({ name: 'x', tags: ['a', ' '] }, pdf), 'each value in tags should not be empty'],
    ['an empty file', form({ name: 'x' }, { ...pdf, bytes: new Uint8Array(0) }), 'file should not be empty'],
    ['an image', form({ name: 'x' }, { ...pdf, type: 'image/png', name: 'a.png' }), 'File type image/png is not supported'],
    ['a file with no type', form({ name: 'x' }, { ...pdf, type: '' }), 'File type application/octet-stream is not supported'],
  ])('answers 400 for %s', async (_what, body, message) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect(messageOf(json)).toContain(message);
    expect(fake.knowledgeItems()).toHaveLength(DEFAULT_KNOWLEDGE.length);
  });

  it('answers 400 for JSON instead of multipart', async () => {
    const response = await fetch(`${fake.baseURL}/knowledge`, {
      method: 'POST',
      headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(messageOf((await response.json()) as { message?: string[] })).toContain('multipart/form-data');
  });

  it('takes a file exactly at its limit and refuses one byte more', async () => {
    fake.setKnowledgeLimits({ ...FAKE_KNOWLEDGE_LIMITS, maxBytes: 1000 });
    expect((await post(form({ name: 'x' }, { ...pdf, bytes: new Uint8Array(1000) }))).status).toBe(201);
    const over = await post(form({ name: 'x' }, { ...pdf, bytes: new Uint8Array(1001) }));
    expect([over.status, messageOf(over.json)]).toEqual([400, 'File too large: 1001 bytes; the limit is 1000 bytes']);
  });

  it('refuses a file past its default 30 MB limit (the body is drained, not kept)', async () => {
    const { status, json } = await post(form({ name: 'big' }, { ...pdf, bytes: new Uint8Array(31 * MB + 1) }));
    expect(status).toBe(400);
    expect(messageOf(json)).toMatch(/^File too large/);
  });
});
