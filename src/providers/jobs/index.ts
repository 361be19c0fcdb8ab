export { createJobsProvider, type JobsProvider, type JobsProviderOptions } from './jobs-provider.js';
export { createJobsClient, type JobsClient, type JobsClientOptions } from './jobs-client.js';
export type { JobWebhookRegistration, JobWebhooks } from './job-webhooks.js';
export type { FollowOptions } from './follow-job.js';
export { JOB_STATUSES, OBSERVED_EVENTS, type JobStatus } from './jobs-schemas.js';
export { CONSTRAINTS_INPUT, CONTEXT_INPUT, JOBS_PROVIDER_ID, OBJECTIVE_INPUT, OUTPUT_SCHEMA_INPUT } from './jobs-tasks.js';
