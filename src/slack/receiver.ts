import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, HTTPReceiver, isRawBodyError, verifySlackRequest, type CustomRoute } from '@slack/bolt';
import type { Logger } from '@slack/logger';

const EVENTS_PATH = '/slack/events';
/** Slack's replay window, both ways: Bolt refuses only timestamps older than this. */
const MAX_SKEW_SEC = 5 * 60;

export interface SlackReceiverOptions {
  signingSecret: string;
  customRoutes: CustomRoute[];
  logger: Logger;
}

/**
 * Bolt's HTTP receiver (which verifies every request itself) with a check in front of `POST /slack/events`: a
 * timestamp more than five minutes away in either direction or a bad signature is answered 401, and a signed body
 * that is not a JSON object (`payload=null`, an array) 400, at once and before Bolt sees it (Bolt would leave such a
 * body unanswered).
 */
export function createSlackReceiver(o: SlackReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret: o.signingSecret, endpoints: [EVENTS_PATH], customRoutes: o.customRoutes, logger: o.logger });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== EVENTS_PATH) {
      bolt(req, res);
      return;
    }
    void screen(req, o).then(
      (status) => (status === undefined ? bolt(req, res) : answer(res, status)),
      (error: unknown) => {
        o.logger.warn(`Could not read a Slack request: ${error instanceof Error ? error.message : String(error)}`);
        answer(res, isRawBodyError(error) && error.statusCode === 413 ? 413 : 400);
      },
    );
  };
  return receiver;
}

/** The status to refuse the request with, or undefined to hand it to Bolt (which reads the buffered body again). */
async function screen(req: IncomingMessage, o: SlackReceiverOptions): Promise<number | undefined> {
  const buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  const body = buffered.rawBody.toString();
  // Slack's unsigned SSL check: Bolt answers it and drops anything else in the body.
  if (req.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(body).get('ssl_check') === '1') return undefined;
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  const signature = req.headers['x-slack-signature'];
  if (!Number.isInteger(timestamp) || typeof signature !== 'string' || Math.abs(Date.now() / 1000 - timestamp) > MAX_SKEW_SEC) {
    o.logger.warn('Refused a Slack request without a current timestamp or a signature');
    return 401;
  }
  try {
    verifySlackRequest({ signingSecret: o.signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
  } catch {
    o.logger.warn('Refused a Slack request whose signature does not match');
    return 401;
  }
  let parsed: unknown;
  try {
    parsed = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    return 400;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    o.logger.warn('Refused a signed Slack request whose body is not an object');
    return 400;
  }
  return undefined;
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}
