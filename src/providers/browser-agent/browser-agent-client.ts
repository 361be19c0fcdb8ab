import { createBearerClient, type BearerClientOptions } from '../http/bearer-client.js';
import type { ErrorContext } from '../http/http-error.js';
import { submitResponseSchema, taskRecordSchema, type BrowserAgentTaskBody, type SubmitResponse, type TaskRecord } from './browser-agent-schemas.js';

export interface BrowserAgentClientOptions extends BearerClientOptions {
  /** The API's base as the document's examples use it (`$API_BASE`), e.g. "https://api.example.com/v1": paths start with /tasks. */
  baseURL: string;
}

export interface BrowserAgentClient {
  /** `POST /tasks`. Never resent once it may have reached the agent (a second submit is a second task). */
  submit(body: BrowserAgentTaskBody, signal?: AbortSignal): Promise<SubmitResponse>;
  /** `GET /tasks/{taskId}`: retried like any read. */
  getTask(taskId: string, signal?: AbortSignal): Promise<TaskRecord>;
  /** For errors built outside the client: names the agent and hides the key. */
  readonly errorContext: ErrorContext;
}

export function createBrowserAgentClient(options: BrowserAgentClientOptions): BrowserAgentClient {
  const http = createBearerClient('The browser agent', options);

  return {
    errorContext: http.context,
    submit(body, signal) {
      // idempotent: false lets the shared retry policy resend only what certainly did not reach the agent (a 429, a refused connection).
      return http.json({ method: 'POST', path: '/tasks', body, signal, idempotent: false, label: 'task submission answer' }, submitResponseSchema);
    },
    getTask(taskId, signal) {
      return http.json({ method: 'GET', path: '/tasks/{taskId}', pathParams: { taskId }, signal, label: 'task record' }, taskRecordSchema);
    },
  };
}
