import { ProviderError } from '../errors.js';
import { createBearerClient, type BearerClientOptions } from '../http/bearer-client.js';
import type { ErrorContext } from '../http/http-error.js';
import { createdJobSchema, jobSchema, type CreateJobBody, type CreatedJob, type Job } from './jobs-schemas.js';

export interface JobsClientOptions extends BearerClientOptions {
  /** The host as the document's paths read from it, e.g. "https://jobs.example.com" (paths start with /v1/jobs). */
  baseURL: string;
}

export interface JobsClient {
  /** `POST /v1/jobs`. Never resent once it may have reached the API (a second one is a second job). */
  create(body: CreateJobBody, signal?: AbortSignal): Promise<CreatedJob>;
  /** `GET /v1/jobs/{job_id}`: retried like any read. */
  get(jobId: string, signal?: AbortSignal): Promise<Job>;
  readonly errorContext: ErrorContext;
}

export const JOBS_SERVICE_NAME = 'The jobs API';

export function createJobsClient(options: JobsClientOptions): JobsClient {
  // The document names no scheme; a bearer key is what its sibling APIs take.
  const http = createBearerClient(JOBS_SERVICE_NAME, options);

  return {
    errorContext: http.context,
    create(body, signal) {
      // idempotent: false lets the shared retry policy resend only what certainly did not arrive (a 429, a refused connection).
      return http.json({ method: 'POST', path: '/v1/jobs', body, signal, idempotent: false, label: 'new job' }, createdJobSchema).catch((error: unknown) => {
        throw explained(error, `the agent ${body.agent_id}`);
      });
    },
    get(jobId, signal) {
      return http.json({ method: 'GET', path: '/v1/jobs/{job_id}', pathParams: { job_id: jobId }, signal, label: 'job' }, jobSchema).catch((error: unknown) => {
        throw explained(error, `the job ${jobId}`);
      });
    },
  };
}

/** The shared wording, with what the jobs API could not find and the setting behind a refused key named. */
function explained(error: unknown, what: string): unknown {
  if (!(error instanceof ProviderError)) return error;
  const options = { status: error.status, requestId: error.requestId, retryAfterMs: error.retryAfterMs, detail: error.detail, cause: error };
  if (error.code === 'auth') return new ProviderError('auth', `${JOBS_SERVICE_NAME} did not accept the API key (401): check JOBS_API_KEY.`, options);
  if (error.code === 'not_found') return new ProviderError('not_found', `${JOBS_SERVICE_NAME} does not know ${what.slice(0, 80)} (404).`, options);
  return error;
}
