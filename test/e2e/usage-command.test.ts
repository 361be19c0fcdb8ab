import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textOf } from '../fakes/fake-slack.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

/** `/jasper usage` as U2 (whoever asks), and the ephemeral answer. */
async function usage(): Promise<string> {
  const before = h.slack.ephemerals({ user: 'U2' }).length;
  await h.driver.slashCommand({ text: 'usage', userId: 'U2' });
  return textOf(await waitFor('the usage answer', () => h.slack.ephemerals({ user: 'U2' }).at(before)));
}

const now = new Date();
const earlierThisMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 30)).toISOString();

describe('/jasper usage', () => {
  it("shows this month's requests to whoever asks, only to them; the plan limit Jasper does not give is unknown, not 0", async () => {
    h.jasper.setUsage([{ t: earlierThisMonth, v: 1234 }]);
    const answer = await usage();
    expect(answer).toContain('Requests: 1,234');
    expect(answer).toMatch(/Plan limit: unknown \(Jasper did not say\)/);
    expect(h.slack.roots('C_GENERAL').some((m) => textOf(m).includes('Requests:'))).toBe(false);
    const [asked] = h.jasper.requestsTo('GET /usage').slice(-1);
    expect(Object.keys(asked!.query).sort()).toEqual(['end', 'granularity', 'start']);
  });

  it('an answer without request counts says they are unknown, never 0 (on /jasper usage and on Home)', async () => {
    h.jasper.failNext('GET /usage', { status: 200, body: { requestId: 'r1', resource: 'usage', data: {} }, times: 2 });
    const answer = await usage();
    expect(answer).toContain("Requests: unknown (Jasper's answer did not include them)");
    expect(answer).not.toMatch(/Requests: 0\b/);

    await h.driver.appHomeOpened('U2');
    const home = await waitFor('Home', () => h.slack.homeView('U2'));
    expect(JSON.stringify(home.view.blocks)).toContain("requests this month: unknown (Jasper's answer did not include them)");
  });

  it('points without a count make the figure a lower bound, said as such', async () => {
    h.jasper.failNext('GET /usage', { status: 200, body: { data: { requests: [{ t: earlierThisMonth, v: 5 }, { t: earlierThisMonth }] } } });
    expect(await usage()).toContain("Requests: at least 5 (1 of Jasper's figures was missing)");
  });

  it('a refused key is said as a key problem', async () => {
    h.jasper.failNext('GET /usage', { status: 401, body: { statusCode: 401, message: 'Unauthorized' } });
    expect(await usage()).toContain("did not accept the bot's API key, so I can't show its usage");
  });
});
