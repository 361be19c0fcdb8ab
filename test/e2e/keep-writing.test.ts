import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_WRITING_TEXT } from '../fakes/fake-jasper.js';
import { textOf } from '../fakes/fake-slack.js';
import { outputIn, startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import { finishedRoot, runBlogPost } from './helpers.js';

const KEEP_WRITING = 'POST /keep-writing' as const;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => h.jasper.reset());

/** The Keep writing button the bot put under the thread's latest finished output. */
function keepWritingUnder(rootTs: string) {
  return h.slack.thread('C_GENERAL', rootTs).findLast((m) => JSON.stringify([m.blocks ?? [], m.stream?.stopBlocks ?? []]).includes('run.keep_writing'));
}

describe('Keep writing under a finished output', () => {
  it('continues the output through Jasper\'s keep-writing as a new turn of the session, in the same thread', async () => {
    const root = await runBlogPost(h, 'Keep going');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    const under = await waitFor('the Keep writing button', () => keepWritingUnder(root.ts));
    await h.driver.blockAction({ actionId: 'run.keep_writing', container: { type: 'message', channel: 'C_GENERAL', ts: under.ts } });
    await waitFor('the keep-writing call', () => h.jasper.requestsTo(KEEP_WRITING).length === 1);
    await waitFor('the continuation in the thread', () => outputIn(h.slack.thread('C_GENERAL', root.ts)).includes(DEFAULT_KEEP_WRITING_TEXT.slice(0, 30)), 10_000);
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(1);
  });

  it('says the workspace\'s Jasper no longer offers it when the endpoint answers 404, with nothing else run', async () => {
    const root = await runBlogPost(h, 'Retired');
    await finishedRoot(h, 'C_GENERAL', root.ts);
    h.jasper.retire([KEEP_WRITING]);
    const runs = h.jasper.requestsTo('POST /tasks/:id/run/stream').length;
    const under = await waitFor('the Keep writing button', () => keepWritingUnder(root.ts));
    await h.driver.blockAction({ actionId: 'run.keep_writing', container: { type: 'message', channel: 'C_GENERAL', ts: under.ts } });
    await waitFor('the explanation', () => h.slack.thread('C_GENERAL', root.ts).some((m) => textOf(m).includes('no longer offers Keep writing')), 10_000);
    expect(h.jasper.requestsTo('POST /tasks/:id/run/stream')).toHaveLength(runs);
  });
});
