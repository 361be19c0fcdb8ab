/** Shared set-up of the fake's self-tests: a real WebClient pointed at the fake. */
import { ErrorCode, type Logger, LogLevel, WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/fake-slack.js';

/** WebClient logs Slack's refusals; the tests assert them instead. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

export async function fakeWithClient(options: FakeSlackOptions = {}, token?: string): Promise<{ fake: FakeSlack; client: WebClient }> {
  const fake = await startFakeSlack(options);
  const client = new WebClient(token ?? fake.botToken, { slackApiUrl: fake.apiUrl, logger: silentLogger, retryConfig: { retries: 0 } });
  return { fake, client };
}

/** The Slack error name a WebClient call was refused with (throws if it was not refused). */
export async function slackError(call: Promise<unknown>): Promise<{ error: string; data: Record<string, unknown> }> {
  try {
    await call;
  } catch (e) {
    const err = e as WebAPIPlatformError;
    if (err.code === ErrorCode.PlatformError) return { error: err.data.error, data: err.data as unknown as Record<string, unknown> };
    throw e;
  }
  throw new Error('expected Slack to refuse the call');
}

export const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } }) as const;
