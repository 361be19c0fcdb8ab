import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUT_TEXT } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost, threadText } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ lowcodeapi: true });
});
afterAll(async () => h?.close());
beforeEach(() => {
  h.jasper.reset();
  h.proxy!.reset();
});

describe('JASPER_TRANSPORT=lowcodeapi: the bot reaches Jasper through the LowCodeAPI proxy', () => {
  it('runs a task from the form to the whole output in the thread', async () => {
    const root = await runBlogPost(h, 'AI for dentists');
    expect(textOf(await finishedRoot(h, 'C_GENERAL', root.ts))).toContain('Done');
    await waitFor('the output', () => outputIn(h.slack.thread('C_GENERAL', root.ts)).includes(DEFAULT_OUTPUT_TEXT.slice(-40)));
    const run = h.proxy!.requests.find((r) => r.path.endsWith('/run/stream'));
    expect(run).toMatchObject({ method: 'POST', format: 'new', authorised: true });
    // Jasper saw its own key from the proxy, never the proxy's token.
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(1);
    expect(JSON.stringify(h.jasper.requests)).not.toContain(h.proxy!.token);
  });

  it("the proxy's error envelope reaches the user as a sentence that says what went wrong", async () => {
    h.proxy!.failNext({ status: 400, message: 'Jasper credentials are missing for this LowCodeAPI account', code: 'PROVIDER_NOT_CONNECTED', pathIncludes: '/run/stream' });
    const root = await runBlogPost(h);
    expect(textOf(await finishedRoot(h, 'C_GENERAL', root.ts))).toContain('Failed');
    const thread = await waitFor('the failure message', () => {
      const text = threadText(h, 'C_GENERAL', root.ts);
      return text.includes(':x:') && text;
    });
    expect(thread).toContain('Jasper credentials are missing for this LowCodeAPI account');
    expect(thread).not.toContain('{');
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(0);
  });
});
