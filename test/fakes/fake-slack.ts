/**
 * A fake Slack Web API for tests: a real HTTP server that follows Slack's published payloads and
 * rejects what Slack rejects. Implementation in ./slack/.
 */
export { startFakeSlack } from './slack/fake.js';
export type { FakeSlack, UserMessageInput } from './slack/fake.js';
export { textOf, blocksText } from './slack/text-of.js';
export { checkBlocks } from './slack/blocks.js';
export { checkView } from './slack/view-schema.js';
export type { ViewResponseOutcome } from './slack/view-responses.js';
export type * from './slack/types.js';
