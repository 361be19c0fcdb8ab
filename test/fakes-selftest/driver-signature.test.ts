import { verifySlackRequest } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { signature } from '../support/slack-driver.js';
import { eventEnvelope, messageEvent, slashCommandForm } from '../support/slack-payloads.js';

const secret = 'test-signing-secret';
const w = { teamId: 'T0001', teamDomain: 'fake-team', apiAppId: 'A0001', botUserId: 'UBOT', token: 'fake-verification-token' };

describe('the driver signs requests as Slack does', () => {
  it('produces signatures that Bolt’s own verifier accepts', () => {
    const now = Math.floor(Date.now() / 1000);
    const form = new URLSearchParams(
      slashCommandForm(w, { text: 'run blog-post topic="a b"', user: { id: 'U1', name: 'alice' }, channelId: 'C_GENERAL', channelName: 'general', command: '/jasper', responseUrl: 'http://127.0.0.1/response/R1', triggerId: '1.2.abc' }),
    ).toString();
    const json = JSON.stringify(eventEnvelope(w, messageEvent(w, { channel: 'C_GENERAL', channelType: 'channel', user: 'U1', text: 'héllo <@UBOT>', ts: '1700000000.000100' }), { eventId: 'Ev1', eventTime: now }));
    for (const body of [form, json]) {
      expect(() => verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': signature(secret, now, body), 'x-slack-request-timestamp': now } })).not.toThrow();
    }
  });

  it('and signatures Bolt refuses when forged or stale', () => {
    const now = Math.floor(Date.now() / 1000);
    const body = 'payload=%7B%7D';
    expect(() => verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': signature('other', now, body), 'x-slack-request-timestamp': now } })).toThrow(/signature mismatch/);
    const old = now - 6 * 60;
    expect(() => verifySlackRequest({ signingSecret: secret, body, headers: { 'x-slack-signature': signature(secret, old, body), 'x-slack-request-timestamp': old } })).toThrow(/stale/);
  });
});
