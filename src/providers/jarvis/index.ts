export { createJarvisProvider, type JarvisProvider, type JarvisProviderOptions } from './jarvis-provider.js';
export { createJarvisClient, type JarvisClient, type JarvisClientOptions } from './jarvis-client.js';
export { JARVIS_AGENTS, JARVIS_PRIORITIES, JARVIS_STATUSES, type JarvisAgent, type JarvisHistoryQuery, type JarvisPriority, type JarvisStatus } from './jarvis-schemas.js';
export { CONTEXT_INPUT, PRIORITY_INPUT, TASK_INPUT, JARVIS_PROVIDER_ID } from './jarvis-tasks.js';
export type { PollOptions } from './poll-task.js';
