import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { JOBS_WEBHOOK_PREFIX, type Delivery, type JobCallbackInbox } from './job-webhooks.js';

/** A callback body is a small JSON document; anything larger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

export interface JobsWebhookRouteOptions {
  /** After the answer: what became of a callback (tests and debug logs). Never given the token. */
  onDelivered?: (delivery: Delivery) => void;
  /** A failure after the answer (the store unreachable). The message never holds the token. */
  onError?: (error: Error) => void;
}

/**
 * `POST /webhooks/jobs/:token`: a jobs API callback. Only a token we issued is accepted (anything else is 404, with
 * nothing read or written); the answer (202) goes out before the work, which is to ignore a duplicate and otherwise
 * wake the follower of the job on any replica. The body is not interpreted: the follower reads the job from the API,
 * which is the authority, so a forged body, a late callback or one out of order cannot move a job backwards.
 */
export function jobsWebhookRoute(inbox: JobCallbackInbox, options: JobsWebhookRouteOptions = {}): CustomRoute {
  return {
    path: `${JOBS_WEBHOOK_PREFIX}:token`,
    method: ['POST'],
    handler: (req, res) => {
      // Read from the path itself, so the route also works where routes are matched by prefix rather than by Bolt.
      const param = req.params?.token;
      const token = typeof param === 'string' ? param : tokenOf(req);
      void handle(inbox, token, req, res, options).catch((error: unknown) => {
        if (!res.headersSent) answer(res, 503);
        options.onError?.(new Error(`A jobs callback could not be handled: ${error instanceof Error ? error.name : 'unknown error'}`));
      });
    },
  };
}

async function handle(inbox: JobCallbackInbox, token: string, req: IncomingMessage, res: ServerResponse, options: JobsWebhookRouteOptions): Promise<void> {
  const checked = await inbox.check(token);
  if (!checked) {
    req.resume();
    return answer(res, 404);
  }
  const body = await readBody(req);
  if (!body) return answer(res, 413);
  answer(res, 202);
  const delivery = await inbox.deliver(checked, body);
  options.onDelivered?.(delivery);
}

function tokenOf(req: IncomingMessage): string {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  // A token is URL-safe: anything else under the prefix is not one, and is refused as such.
  return path.startsWith(JOBS_WEBHOOK_PREFIX) ? path.slice(JOBS_WEBHOOK_PREFIX.length) : '';
}

/** The body, or undefined when it is larger than a callback can be. */
function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        return resolve(undefined);
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'cache-control': 'no-store' });
  res.end();
}
