import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../../src/providers/errors.js';
import { createJasperProvider } from '../../../src/providers/jasper/index.js';
import { DEFAULT_AUDIENCES, DEFAULT_STYLES, DEFAULT_TONES, startFakeJasper, type FakeAudience, type FakeJasper } from '../../fakes/fake-jasper.js';
import { jasperFor } from './setup.js';

let fake: FakeJasper;
beforeAll(async () => {
  fake = await startFakeJasper();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.setTones(DEFAULT_TONES);
  fake.setAudiences(DEFAULT_AUDIENCES);
  fake.setStyles(DEFAULT_STYLES);
});

const audiences = (n: number): FakeAudience[] => Array.from({ length: n }, (_, i) => ({ id: `aud_${String(i).padStart(4, '0')}`, name: `Audience ${i}`, coreMessaging: `Message ${i}` }));

async function raw(path: string) {
  const response = await fetch(fake.baseURL + path, { headers: { 'x-api-key': fake.apiKey } });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('listBrandOptions', () => {
  it('maps tones: the voice (value) is the description', async () => {
    expect(await jasperFor(fake).brand?.listOptions('tone')).toEqual([
      { id: 'ton_01HFRIENDLY', name: 'Friendly', description: 'Warm, upbeat and plain-spoken; short sentences.' },
      { id: 'ton_01HEXPERT', name: 'Expert', description: 'Confident and precise, with evidence for every claim.' },
    ]);
    expect(fake.requestsTo('GET /tones').map((r) => [r.path, r.query])).toEqual([['/v1/tones', {}]]);
  });

  it('maps style guides with their description', async () => {
    expect(await jasperFor(fake).brand?.listOptions('style')).toEqual([
      { id: 'sty_01HHOUSE', name: 'House style', description: 'Sentence case headings, Oxford comma, no exclamation marks.' },
    ]);
    expect(fake.requestsTo('GET /styles').map((r) => r.query)).toEqual([{}]);
  });

  it('maps audiences (no description field: core messaging stands in when it is text)', async () => {
    fake.setAudiences([
      { id: 'aud_1', name: 'CMOs', coreMessaging: 'Faster, on brand.' },
      { id: 'aud_2', name: 'Developers', coreMessaging: { pillars: ['API'] } },
      { id: 'aud_3', name: '' },
    ]);
    expect(await jasperFor(fake).brand?.listOptions('audience')).toEqual([
      { id: 'aud_1', name: 'CMOs', description: 'Faster, on brand.' },
      { id: 'aud_2', name: 'Developers' },
      { id: 'aud_3', name: 'aud_3' },
    ]);
  });

  it('follows audience pages of 100 to the end', async () => {
    fake.setAudiences(audiences(250));
    const options = await jasperFor(fake).brand?.listOptions('audience');
    expect(options?.map((o) => o.id)).toEqual(audiences(250).map((a) => a.id));
    expect(fake.requestsTo('GET /audiences').map((r) => r.query)).toEqual([1, 2, 3].map((page) => ({ page: String(page), size: '100' })));
  });

  it('gives an empty list for a workspace without any', async () => {
    fake.setTones([]);
    expect(await jasperFor(fake).brand?.listOptions('tone')).toEqual([]);
  });

  it('follows a tone list that pages after all, once per page, without duplicates', async () => {
    const pages: Record<string, unknown> = {
      '1': { data: [{ id: 'ton_1', name: 'One' }, { id: 'ton_2', name: 'Two' }], pagination: { next: '2' } },
      '2': { data: [{ id: 'ton_2', name: 'Two' }, { id: 'ton_3', name: 'Three' }], pagination: { next: null } },
    };
    const fetch = vi.fn(async (url: string | URL | Request) => {
      const page = new URL(String(url)).searchParams.get('page') ?? '1';
      return new Response(JSON.stringify(pages[page]), { headers: { 'content-type': 'application/json' } });
    });
    const tones = await createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch }).brand?.listOptions('tone');
    expect(tones?.map((t) => t.id)).toEqual(['ton_1', 'ton_2', 'ton_3']);
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual(['http://jasper.test/v1/tones', 'http://jasper.test/v1/tones?page=2']);
  });

  it('maps refusals to provider errors', async () => {
    fake.failNext('GET /styles', { status: 403 });
    const error = await jasperFor(fake).brand?.listOptions('style').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'forbidden' });
  });

  it('refuses a list it cannot read as invalid_response', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ data: [{ name: 'no id' }] }), { headers: { 'content-type': 'application/json' } }));
    const error = await createJasperProvider({ apiKey: 'k', baseURL: 'http://jasper.test/v1', fetch }).brand?.listOptions('tone').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_response' });
  });
});

describe('fake Jasper: brand lists', () => {
  it('answers { data } for tones and styles, and refuses paging parameters they do not take', async () => {
    expect(await raw('/tones')).toMatchObject({ status: 200, json: { resource: 'tones', data: DEFAULT_TONES } });
    expect(await raw('/styles')).toMatchObject({ status: 200, json: { resource: 'styles', data: DEFAULT_STYLES } });
    expect(await raw('/tones?page=1')).toMatchObject({ status: 400, json: { message: ['property page should not exist'] } });
    expect((await raw('/styles?size=5')).status).toBe(400);
  });

  it('pages audiences (size 1-100, default 10) and checks the parameters', async () => {
    fake.setAudiences(audiences(12));
    const first = await raw('/audiences');
    expect(first.json.data).toHaveLength(10);
    expect(first.json.pagination).toEqual({ totalRecords: 12, page: 1, pageSize: 10, next: '2', prev: null });
    expect((await raw('/audiences?page=2&size=10')).json.data).toHaveLength(2);
    for (const query of ['size=0', 'size=101', 'page=0', 'page=x', 'q=cmo']) expect((await raw(`/audiences?${query}`)).status, query).toBe(400);
    expect((first.json.data as Array<Record<string, unknown>>)[0]).not.toHaveProperty('description');
  });
});
