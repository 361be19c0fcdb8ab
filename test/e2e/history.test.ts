/**
 * `/jasper history [task] [status]` and Home's "Recent agent runs" (issue #9): Jarvis's `GET /agents/history`, paged
 * with Newer/Older, filtered by agent and status, its text escaped, its failures said in a sentence.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeJarvis, type FakeJarvis } from '../fakes/fake-jarvis.js';
import { blocksText, textOf, type StoredEphemeral } from '../fakes/fake-slack.js';
import { jarvisFor } from '../providers/jarvis/setup.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';

const HISTORY = 'GET /agents/history' as const;
const HOSTILE = 'Ping <!channel> and <@U999> about <https://evil.example|the docs>';

let jarvis: FakeJarvis;
let h: Harness;
beforeAll(async () => {
  jarvis = await startFakeJarvis();
  h = await startHarness({ moreProviders: [jarvisFor(jarvis)], env: { JARVIS_URL: jarvis.url, JARVIS_API_KEY: jarvis.apiKey } });
});
afterAll(async () => {
  await h?.close();
  await jarvis?.close();
});
beforeEach(() => {
  jarvis.reset();
});

/** Tasks as someone invoked them in Jarvis (through the bot or not), oldest first. */
async function invoke(agent: 'paperclip' | 'hermes', task: string): Promise<void> {
  const res = await fetch(`${jarvis.url}/agents/invoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jarvis.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ agent, task }),
  });
  expect(res.status).toBeLessThan(300);
}

async function command(text: string): Promise<StoredEphemeral> {
  const before = h.slack.ephemerals({ user: 'U1' }).length;
  await h.driver.slashCommand({ text, userId: 'U1' });
  return waitFor(`the answer to ${text}`, () => h.slack.ephemerals({ user: 'U1' }).at(before));
}

const shown = (e: StoredEphemeral | undefined) => `${textOf(e)}\n${blocksText((e?.blocks ?? []) as never)}`;
const buttonOf = (e: StoredEphemeral, label: string) => {
  const actions = (e.blocks ?? []).find((b) => (b as { type?: string }).type === 'actions') as { elements?: Array<{ action_id: string; value: string; text: { text: string } }> } | undefined;
  return actions?.elements?.find((b) => b.text.text.includes(label));
};

describe('/jasper history', () => {
  it('pages the runs newest first with Older and Newer, in the same message', async () => {
    for (let i = 1; i <= 12; i++) await invoke(i % 3 === 0 ? 'hermes' : 'paperclip', `Task number ${i}`);
    const first = await command('history');
    expect(shown(first)).toContain('Jarvis history');
    expect(shown(first)).toContain('Task number 12');
    expect(shown(first)).not.toContain('Task number 2\n');
    expect(shown(first)).toMatch(/Showing 1.10 of 12 runs/);
    expect(jarvis.requestsTo(HISTORY).at(-1)?.query).toMatchObject({ limit: '10', offset: '0' });

    const older = buttonOf(first, 'Older');
    expect(older).toBeDefined();
    expect(buttonOf(first, 'Newer')).toBeUndefined();
    await h.driver.blockAction({ userId: 'U1', actionId: older!.action_id, value: older!.value, container: { type: 'message', channel: 'C_GENERAL', ts: first.ts, ephemeral: true } });
    await waitFor('the older page', () => /Showing 11.12 of 12 runs/.test(shown(h.slack.ephemerals({ user: 'U1' }).find((e) => e.ts === first.ts))));
    const second = h.slack.ephemerals({ user: 'U1' }).find((e) => e.ts === first.ts)!;
    expect(shown(second)).toContain('Task number 1');
    expect(buttonOf(second, 'Newer')).toBeDefined();
    expect(buttonOf(second, 'Older')).toBeUndefined();
    expect(jarvis.requestsTo(HISTORY).at(-1)?.query).toMatchObject({ offset: '10' });
  });

  it('filters by agent and status in any order, and names them', async () => {
    await invoke('hermes', 'Deploy to staging');
    await invoke('paperclip', 'Triage issues');
    const answer = await command('history queued hermes');
    expect(jarvis.requestsTo(HISTORY).at(-1)?.query).toMatchObject({ agent: 'hermes', status: 'queued' });
    expect(shown(answer)).toContain('Jarvis history · Hermes · queued');
    expect(shown(answer)).toContain('Deploy to staging');
    expect(shown(answer)).not.toContain('Triage issues');
  });

  it('says what it could not filter by, and how to ask, without asking Jarvis', async () => {
    const answer = await command('history yesterday');
    expect(shown(answer)).toContain("I can't filter the history by `yesterday`");
    expect(shown(answer)).toContain('/jasper history paperclip completed');
    expect(jarvis.requestsTo(HISTORY)).toHaveLength(0);
  });

  it('shows what a run was asked as text: no mention or link forms from it', async () => {
    await invoke('paperclip', HOSTILE);
    const answer = await command('history');
    const all = JSON.stringify(answer.blocks) + answer.text;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U999>');
    expect(all).not.toContain('<https://evil.example|');
    expect(shown(answer)).toContain('&lt;!channel&gt;');
  });

  it('says in a sentence when Jarvis fails, naming its own key on a 401', async () => {
    jarvis.failNext(HISTORY, { status: 401 });
    const answer = await command('history');
    expect(shown(answer)).toContain('JARVIS_API_KEY');
    expect(shown(answer)).not.toContain(jarvis.apiKey);
  });

  it('is in the help when an agent keeps a history', async () => {
    expect(shown(await command('help'))).toContain('/jasper history [task] [status]');
  });
});

describe('Home: recent agent runs', () => {
  const homeText = () => blocksText((h.slack.homeView('U1')?.view.blocks ?? []) as never);

  it('shows the latest five with Next, which shows the next five', async () => {
    for (let i = 1; i <= 7; i++) await invoke('paperclip', `Home task ${i}`);
    await h.driver.appHomeOpened('U1');
    await waitFor('the runs on Home', () => homeText().includes('Recent Jarvis runs') && /Showing 1.5 of 7 runs/.test(homeText()));
    expect(homeText()).toContain('Home task 7');
    expect(homeText()).not.toContain('Home task 2');
    const home = h.slack.homeView('U1')!;
    await h.driver.blockAction({ userId: 'U1', actionId: 'home.history_page', container: { type: 'view', viewId: home.view.id } });
    await waitFor('the next five', () => /Showing 6.7 of 7 runs/.test(homeText()));
    expect(homeText()).toContain('Home task 1');
    expect(jarvis.requestsTo(HISTORY).at(-1)?.query).toMatchObject({ limit: '5', offset: '5' });
  });

  it('says why when Jarvis cannot list them, and the rest of Home is there', async () => {
    jarvis.failNext(HISTORY, { status: 503, times: 10 });
    await h.driver.appHomeOpened('U1');
    await waitFor('the reason on Home', () => homeText().includes("Jarvis had a problem on its side, so I can't list its recent runs. Try again in a few minutes."));
    expect(homeText()).toContain('Find a task');
    expect(homeText()).not.toContain('Showing 1');
  });
});
