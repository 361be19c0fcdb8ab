import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackFileError, downloadFile } from '../../src/slack/knowledge/slack-file.js';
import { startFakeSlack, type FakeSlack } from '../fakes/fake-slack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => slack.close());

describe('downloadFile', () => {
  it('a file Slack answers 404 for is a SlackFileError that names the file', async () => {
    const shared = slack.shareUserFile({ name: 'notes.txt', mimetype: 'text/plain', content: Buffer.from('hello') });
    slack.deleteFile(String(shared.file.id));
    const error = await downloadFile({ id: String(shared.file.id), name: 'notes.txt', size: 5, url_private: String(shared.file.url_private) }, slack.botToken, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackFileError);
    expect((error as SlackFileError).userMessage).toContain('*notes.txt* (it was deleted, or I am not allowed to see it)');
  });

  it('a download without the right token is refused as no access', async () => {
    const shared = slack.shareUserFile({ name: 'secret.txt', mimetype: 'text/plain', content: Buffer.from('x') });
    const error = (await downloadFile({ id: String(shared.file.id), name: 'secret.txt', size: 1, url_private: String(shared.file.url_private) }, 'xoxb-wrong', 100).catch((e: unknown) => e)) as SlackFileError;
    expect(error.userMessage).toContain('I am not allowed to read it');
  });
});
