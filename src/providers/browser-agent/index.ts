export { createBrowserAgentProvider, type BrowserAgentProvider, type BrowserAgentProviderOptions } from './browser-agent-provider.js';
export { createBrowserAgentClient, type BrowserAgentClient, type BrowserAgentClientOptions } from './browser-agent-client.js';
export { BROWSER_AGENT_STATUSES, MAX_STEPS, type BrowserAgentStatus, type BrowserAgentTaskBody } from './browser-agent-schemas.js';
export { BROWSER_AGENT_NAME, BROWSER_AGENT_PROVIDER_ID, BROWSE_TASK_ID, HTML_DUMP_INPUT, MAX_STEPS_INPUT, SCHEMA_INPUT, START_URL_INPUT, TASK_INPUT } from './browser-agent-task.js';
export { UNKNOWN_END_USER } from './end-user-id.js';
export type { PollOptions } from './poll-browser-task.js';
