/**
 * Requests that are not Slack's: unsigned, signed with another secret, stale (older than five minutes) or from the
 * future (more than five minutes ahead; Bolt checks only the past). Each is answered 401 and starts nothing. These
 * fail if signature verification is switched off.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import * as P from '../support/slack-payloads.js';
import type { SendOptions } from '../support/slack-driver.js';
import { RUN, sleep } from './support/checks.js';
import type { FaultHarness } from './support/fault-harness.js';
import { useFaultHarness } from './support/use-harness.js';

describe('request signatures and timestamps', () => {
  const harness = useFaultHarness();
  let h: FaultHarness;
  beforeEach(() => {
    h = harness.h;
  });

  /** `/jasper run blog-post` as Slack would send it, with the signing fault given. */
  function runCommand(fault: Partial<SendOptions>) {
    const w = h.driver.workspace;
    const form = P.slashCommandForm(w, {
      text: 'run blog-post',
      user: { id: 'U1', name: 'alice' },
      channelId: 'C_GENERAL',
      channelName: 'general',
      command: '/jasper',
      responseUrl: h.slack.responseUrl({ channel: 'C_GENERAL', userId: 'U1' }),
      triggerId: h.slack.issueTrigger({ userId: 'U1' }),
    });
    return h.driver.send(new URLSearchParams(form).toString(), { contentType: 'form', ...fault });
  }

  const nowSec = () => Math.floor(Date.now() / 1000);
  const faults: Array<[string, Partial<SendOptions>]> = [
    ['unsigned', { signature: 'missing' }],
    ['signed with another secret', { signature: 'wrong' }],
    ['stale (six minutes old)', { timestampSec: nowSec() - 6 * 60 }],
    ['from the future (six minutes ahead)', { timestampSec: nowSec() + 6 * 60 }],
  ];

  it.each(faults)('a command that is %s gets 401 and opens nothing', async (_name, fault) => {
    const answer = await runCommand(fault);
    expect(answer.status).toBe(401);
    await sleep(200);
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
    expect(h.slack.views()).toHaveLength(0);
  });

  it.each(faults)('an event that is %s gets 401 and starts nothing', async (_name, fault) => {
    const w = h.driver.workspace;
    h.slack.addUserMessage({ channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> run blog-post topic=x`, ts: '1700000000.000100' });
    const event = P.appMentionEvent(w, { channel: 'C_GENERAL', user: 'U1', text: `<@${h.slack.botUserId}> run blog-post topic=x`, ts: '1700000000.000100' });
    const body = JSON.stringify(P.eventEnvelope(w, event, { eventId: 'EvFORGED0001', eventTime: nowSec() }));
    const answer = await h.driver.send(body, { contentType: 'json', ...fault });
    expect(answer.status).toBe(401);
    await sleep(200);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
    expect(h.jasper.requestsTo(RUN)).toHaveLength(0);
  });

  it('a request signed now, and one four minutes either side, are taken', async () => {
    for (const timestampSec of [nowSec(), nowSec() - 4 * 60, nowSec() + 4 * 60]) {
      const answer = await runCommand({ timestampSec });
      expect(answer.status).toBe(200);
    }
  });
});
