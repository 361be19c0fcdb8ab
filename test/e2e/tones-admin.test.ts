import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TONES } from '../fakes/fake-jasper.js';
import { startHarness, waitFor, type Harness } from '../support/bot-harness.js';
import type { OpenedView } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  // TONE_ADMINS is empty: workspace admins and owners (users.info) may change tones; U2 is neither.
  h = await startHarness({ slack: { users: { U1: { name: 'alice', realName: 'Alice Admin', isAdmin: true }, U2: { name: 'bob', realName: 'Bob Member' } } } });
});
afterAll(async () => h?.close());

const homeOf = async (userId: string) => {
  const before = h.slack.homeView(userId)?.view.hash;
  await h.driver.appHomeOpened(userId);
  return waitFor(`${userId}'s Home`, () => {
    const home = h.slack.homeView(userId);
    return home && home.view.hash !== before && home;
  });
};
const homeJson = (userId: string) => JSON.stringify(h.slack.homeView(userId)?.view.blocks ?? []);
const home = (userId: string) => ({ type: 'view' as const, viewId: h.slack.homeView(userId)!.view.id });

async function nextModal(act: () => Promise<unknown>): Promise<OpenedView> {
  const before = h.slack.views().length;
  await act();
  return (await waitFor('the modal', () => h.slack.views().slice(before).find((v) => v.view.type === 'modal')?.view)) as unknown as OpenedView;
}

describe('tones on the Home tab', () => {
  it('everyone sees the tones; only admins get New tone and the Edit / Delete menu', async () => {
    await homeOf('U2');
    expect(homeJson('U2')).toContain(DEFAULT_TONES[0]!.name);
    expect(homeJson('U2')).not.toContain('home.tone.new');
    expect(homeJson('U2')).not.toContain('home.tone.menu');
    await homeOf('U1');
    expect(homeJson('U1')).toContain('home.tone.new');
    expect(homeJson('U1')).toContain('home.tone.menu');
  });

  it('an admin creates, edits and (after confirming) deletes a tone', async () => {
    await homeOf('U1');
    const create = await nextModal(() => h.driver.blockAction({ userId: 'U1', actionId: 'home.tone.new', container: home('U1') }));
    await h.driver.submitView({ viewId: create.id, userId: 'U1', values: { 'tone.name': 'Playful', 'tone.value': 'Light, witty, never sarcastic.' } });
    const created = await waitFor('the new tone', () => h.jasper.toneItems().find((t) => t.name === 'Playful'));
    expect(h.jasper.requestsTo('POST /tones').at(-1)?.body).toEqual({ name: 'Playful', value: 'Light, witty, never sarcastic.' });
    await waitFor('Home to show it', () => homeJson('U1').includes('Playful'));

    const edit = await nextModal(() => h.driver.blockAction({ userId: 'U1', actionId: 'home.tone.menu', blockId: `home.tone.${created.id}`, value: `edit:${created.id}`, container: home('U1') }));
    await h.driver.submitView({ viewId: edit.id, userId: 'U1', values: { 'tone.name': 'Playful', 'tone.value': 'Light and witty.' } });
    await waitFor('the edit', () => h.jasper.toneItems().find((t) => t.id === created.id)?.value === 'Light and witty.');

    const confirm = await nextModal(() => h.driver.blockAction({ userId: 'U1', actionId: 'home.tone.menu', blockId: `home.tone.${created.id}`, value: `delete:${created.id}`, container: home('U1') }));
    expect(JSON.stringify(confirm.blocks)).toContain("“Playful” will be deleted");
    // Nothing is deleted until the confirmation is submitted.
    expect(h.jasper.requestsTo('DELETE /tones/:id')).toHaveLength(0);
    await h.driver.submitView({ viewId: confirm.id, userId: 'U1' });
    await waitFor('the delete', () => !h.jasper.toneItems().some((t) => t.id === created.id));
    await waitFor('Home without it', () => !homeJson('U1').includes('Playful'));
  });

  it('a member who sends the admin controls anyway is refused, and nothing changes', async () => {
    await homeOf('U1');
    const views = h.slack.views().length;
    // The element exists only in an admin's Home; a forged click carries U2 as the user.
    await h.driver.blockAction({ userId: 'U2', actionId: 'home.tone.menu', value: `delete:${DEFAULT_TONES[0]!.id}`, container: home('U1') });
    await waitFor('the refusal', () => h.slack.messages(h.slack.imOf('U2') ?? 'D_U2').some((m) => m.text.includes("You can't change tones")));
    expect(h.slack.views().slice(views).some((v) => v.view.type === 'modal')).toBe(false);
    expect(h.jasper.toneItems().map((t) => t.id)).toContain(DEFAULT_TONES[0]!.id);
  });

  it('a refused form (a blank voice) stays open with the reason', async () => {
    await homeOf('U1');
    const create = await nextModal(() => h.driver.blockAction({ userId: 'U1', actionId: 'home.tone.new', container: home('U1') }));
    const result = await h.driver.submitView({ viewId: create.id, userId: 'U1', values: { 'tone.name': 'Empty', 'tone.value': '   ' } });
    expect(result.sent).toBe(true);
    if (result.sent) expect(JSON.stringify(result.outcome)).toContain('Describe the voice');
  });
});
