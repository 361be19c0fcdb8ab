import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver } from '@slack/bolt';
import { StoreJobWebhooks, type Delivery } from '../../../src/http/job-webhooks.js';
import { jobsWebhookRoute } from '../../../src/http/jobs-webhook-route.js';
import { createJobsProvider, type JobsProvider, type JobsProviderOptions } from '../../../src/providers/jobs/index.js';
import type { InputValues, RunRequest, TaskDefinition } from '../../../src/providers/types.js';
import type { KeyValueStore } from '../../../src/store/key-value-store.js';
import type { FakeJobs } from '../../fakes/fake-jobs.js';

export const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 4 } as const;
/** Polling in milliseconds; with webhooks the long wait is a minute, so only a callback can move a run on in a test. */
export const FAST_FOLLOW = { initialDelayMs: 5, maxDelayMs: 20, factor: 2, webhookWaitMs: 60_000 } as const;
export const AGENTS = [
  { id: 'agt_01', label: 'Researcher' },
  { id: 'agt_02', label: 'Analyst' },
  // Configured here, unknown to the fake: its jobs are refused with 404.
  { id: 'agt_gone', label: 'Retired' },
];

export function jobsFor(fake: FakeJobs, options: Partial<JobsProviderOptions> = {}): JobsProvider {
  return createJobsProvider({ apiKey: fake.apiKey, baseURL: fake.url, agents: AGENTS, retry: FAST_RETRY, follow: FAST_FOLLOW, ...options });
}

export function runRequest(task: TaskDefinition, values: InputValues, extra: Partial<RunRequest> = {}): RunRequest {
  return { task, values, signal: new AbortController().signal, ...extra };
}

/** One bot replica's webhook side: the route served by Bolt's own HTTP receiver (its path matching), on its store. */
export interface WebhookReplica {
  url: string;
  inbox: StoreJobWebhooks;
  deliveries: Delivery[];
  close(): Promise<void>;
}

export async function serveWebhookReplica(store: KeyValueStore, publicUrl?: string): Promise<WebhookReplica> {
  const deliveries: Delivery[] = [];
  // The route needs the inbox, and the inbox the server's URL: the listener is put in once both exist.
  let listener: http.RequestListener = (_req, res) => void res.writeHead(503).end();
  const server = http.createServer((req, res) => {
    try {
      listener(req, res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const inbox = new StoreJobWebhooks({ store, publicUrl: publicUrl ?? url });
  const route = jobsWebhookRoute(inbox, { onDelivered: (delivery) => deliveries.push(delivery) });
  listener = new HTTPReceiver({ signingSecret: 'not-used-by-custom-routes', customRoutes: [route] }).requestListener;
  return {
    url,
    inbox,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { collectEvents as collect, textOf } from '../../contracts/provider-contract.js';
