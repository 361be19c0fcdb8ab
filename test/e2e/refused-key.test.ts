import { afterAll, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';

/** The ephemeral answer to `/jasper <text>`. */
async function answerTo(h: Harness, text: string): Promise<string> {
  const before = h.slack.ephemerals({ user: 'U1' }).length;
  await h.driver.slashCommand({ text });
  return textOf(await waitFor('the answer', () => h.slack.ephemerals({ user: 'U1' }).at(before)));
}

describe('a task list that cannot load says why, from the typed error', () => {
  const harnesses: Harness[] = [];
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('a key Jasper refuses (401) is reported as a key problem on /jasper run and /jasper list, never as "not answering"', async () => {
    const h = await startHarness({ botJasperKey: 'revoked-jasper-key-0123456789' });
    harnesses.push(h);
    for (const command of ['run blog-post', 'list']) {
      const answer = await answerTo(h, command);
      expect(answer).toContain("did not accept the bot's API key");
      expect(answer).toContain('JASPER_API_KEY');
      expect(answer).not.toMatch(/not answering|Try again in a minute/);
    }
    expect(h.slack.views()).toHaveLength(0);
  });

  it("a 403 (the plan does not include the API) says so and sends the person to the key and the plan", async () => {
    const h = await startHarness({ beforeStart: ({ jasper }) => jasper.failNext('GET /tasks', { status: 403, times: 1_000 }) });
    harnesses.push(h);
    const answer = await answerTo(h, 'run blog-post');
    expect(answer).toContain('refused access (403)');
    expect(answer).not.toContain('not answering');
  });

  it('a task list Jasper cannot be read says that, not "not answering"', async () => {
    const h = await startHarness({ beforeStart: ({ jasper }) => jasper.failNext('GET /tasks', { status: 200, body: '<html>maintenance</html>', times: 1_000 }) });
    harnesses.push(h);
    const answer = await answerTo(h, 'list');
    expect(answer).toContain('answered with something I could not read');
  });
});
